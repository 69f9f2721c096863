import type { ScriptStep } from './agent-script';
import { e3 } from './event-envelopes';

/** The event type the variant adds: the answer streamed in parts before the completion. */
export const CHUNK_EVENT = 'agent_response_chunk';
/** The field the variant adds to every `agent_thinking` payload. */
export const EXTRA_THINKING_FIELD = 'confidence';
const CHUNKS = 3;

/**
 * Variant `ahead-of-contract`: a platform a release ahead of the contract, healthy. Its runs
 * are the reference script's, and two things more that contract section 4.1 does not list:
 * the answer streamed as `agent_response_chunk` events (canonical envelope, the run's ids)
 * between the last `agent_thinking` and `agent_completed`, and a `confidence` on every
 * `agent_thinking`. A reader ignores both; a client that reports drift names exactly these.
 */
export function aheadOfContract(steps: readonly ScriptStep[]): ScriptStep[] {
  const completion = steps.findIndex((s) => s.type === 'agent_completed');
  const answer = steps[completion]?.answer ?? '';
  const size = Math.ceil(answer.length / CHUNKS);
  const chunks: ScriptStep[] = completion < 0 ? [] : Array.from({ length: CHUNKS }, (_, i) => ({
    type: CHUNK_EVENT,
    // Streamed: the parts follow each other without a pause.
    follows: i > 0,
    shape: e3,
    payload: () => ({ chunk: answer.slice(i * size, (i + 1) * size), chunk_index: i }),
  }));
  const withConfidence = steps.map((s, i): ScriptStep =>
    s.type === 'agent_thinking' ? { ...s, payload: (timing) => ({ ...s.payload(timing), [EXTRA_THINKING_FIELD]: Math.round((0.6 + i * 0.05) * 100) / 100 }) } : s,
  );
  return completion < 0 ? withConfidence : [...withConfidence.slice(0, completion), ...chunks, ...withConfidence.slice(completion)];
}
