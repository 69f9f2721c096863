import fc from 'fast-check';

export interface FamilyOptions<T> {
  input: fc.Arbitrary<T>;
  /** Inputs sent together before the services are checked again. */
  batchSize: number;
  minInputs: number;
  /** The family fails, never passes short, when it cannot send `minInputs` within this time. */
  timeLimitMs: number;
  /** Sends one batch; throws on an answer that is wrong whatever the input (a 500, a reset, a hang). */
  sendBatch(batch: T[]): Promise<void>;
  /** Throws when the platform is not what it was before the batch: a service down, memory grown. */
  checkAfterBatch(): Promise<void>;
}

export interface FamilyResult {
  inputs: number;
  batches: number;
  ms: number;
}

/**
 * One endpoint family as one property over batches: every batch of generated inputs is sent,
 * then the whole platform is checked. fast-check shrinks a failing batch to the inputs that
 * break it and prints the seed that replays it.
 */
export async function fuzzFamily<T>(o: FamilyOptions<T>): Promise<FamilyResult> {
  const startedAt = performance.now();
  let inputs = 0;
  let batches = 0;
  const property = fc.asyncProperty(fc.array(o.input, { minLength: o.batchSize, maxLength: o.batchSize }), async (batch) => {
    await o.sendBatch(batch);
    await o.checkAfterBatch();
    inputs += batch.length;
    batches += 1;
  });
  const details = await fc.check(property, {
    numRuns: Math.ceil(o.minInputs / o.batchSize),
    interruptAfterTimeLimit: o.timeLimitMs,
    markInterruptAsFailure: true,
    // A batch holds inputs of up to 1 MiB: shrinking it would cost minutes, and printing it
    // whole would bury the answer that failed, which the error below names on its own.
    endOnFailure: true,
  });
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance ?? 'interrupted');
    const replay = `fast-check seed ${details.seed}, path ${details.counterexamplePath ?? '-'}`;
    const summary = details.interrupted ? `interrupted after ${batches} batches (${inputs} inputs) by the ${o.timeLimitMs} ms limit` : `batch ${batches + 1} failed`;
    throw new Error(`${summary} (${replay}): ${cause.slice(0, 2000)}`);
  }
  return { inputs, batches, ms: Math.round(performance.now() - startedAt) };
}
