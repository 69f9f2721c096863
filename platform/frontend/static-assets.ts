import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Faults } from '../faults';

export interface Asset {
  body: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Fault `frontend-page-error` (contract section 5, FRONTEND_BROKEN): the chat page's main
 * script throws on load, the way a broken production bundle does, so the page never becomes
 * ready. The error is a genuine TypeError raised by the engine, not a hand-made one.
 */
const BROKEN_BUNDLE_PRELUDE =
  '// fault frontend-page-error: a broken bundle reads a list that is not there\n' +
  'const brokenChunkList = undefined;\n' +
  'brokenChunkList.map((chunk) => chunk);\n';

let files: Promise<Map<string, Asset>> | undefined;

/** `assets/` is read once per process, all files at once: tests start the platform many times. */
function readAssets(): Promise<Map<string, Asset>> {
  files ??= (async () => {
    const dir = join(__dirname, 'assets');
    const names = (await readdir(dir)).filter((name) => CONTENT_TYPES[extname(name)] !== undefined);
    const bodies = await Promise.all(names.map((name) => readFile(join(dir, name))));
    return new Map(names.map((name, i) => [`/assets/${name}`, { body: bodies[i]!, contentType: CONTENT_TYPES[extname(name)]! }]));
  })();
  // A failed read is not remembered: the next start tries again.
  files.catch(() => (files = undefined));
  return files;
}

/** The assets this frontend serves from memory, with the fault applied to its own copy. */
export async function loadAssets(faults: Faults): Promise<Map<string, Asset>> {
  const assets = new Map(await readAssets());
  const chat = assets.get('/assets/chat.js');
  if (chat && faults.has('frontend-page-error')) {
    assets.set('/assets/chat.js', { ...chat, body: Buffer.concat([Buffer.from(BROKEN_BUNDLE_PRELUDE), chat.body]) });
  }
  return assets;
}
