import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The platform runs in the test's own process, so its memory is this process's heap. A full
 * collection first, so that what is counted is what is still referenced, not garbage.
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

export function heapAfterCollectionMb(): number {
  collect();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}
