import { errorCodeOf, type NormalisedFrame } from './events';
import { GoldenPathFailure } from './failure-classes';
import { describeFrames } from './socket-outcome';
import { shown, type FrameExpectation } from './unhappy-paths';

/**
 * Contract 4: a client frame that is not JSON. MUST: the socket stays open and still runs the
 * agent afterwards (the run that follows proves it). SHOULD: an error frame answers it; the real
 * backend's main handler sends the flat `error_message` with `JSON_PARSE_ERROR`, others send
 * other shapes and codes or nothing. Any of those is a warning naming what came, never a
 * failure; a close 1011 is WS_SERVER_ERROR, any other close WS_CLOSED_EARLY.
 *
 * Silence has no end of its own, so a `ping` follows the bad frame: a socket answers in order,
 * and a `pong` before any error means the bad frame got no answer.
 */
export const CANONICAL_PARSE_ERROR = 'the flat error_message with error_code JSON_PARSE_ERROR';

export function pingAfterInvalidFrame(): { type: 'ping'; timestamp: number } {
  return { type: 'ping', timestamp: Date.now() / 1000 };
}

const isPong = (f: NormalisedFrame) => f.type === 'pong';

export function malformedFrameExpectation(url: string): FrameExpectation {
  return {
    expected: `the socket stays open (an error frame SHOULD answer: ${CANONICAL_PARSE_ERROR})`,
    settles: (f) => f.kind === 'error' || isPong(f),
    judge(frame) {
      if (isPong(frame)) {
        return { warning: `${url} gave no answer to an invalid JSON frame (the pong to the ping sent after it came first); the contract says it SHOULD answer with an error frame (contract section 4)` };
      }
      if (frame.type === 'error_message' && errorCodeOf(frame) === 'JSON_PARSE_ERROR') return {};
      return { warning: `${url} answered an invalid JSON frame with ${shown(frame)}, not ${CANONICAL_PARSE_ERROR} (contract section 4: a tolerated answer)` };
    },
    silence(timeoutMs, frames) {
      return { warning: `${url} answered neither the invalid JSON frame nor the ping after it within ${timeoutMs} ms (frames received: ${describeFrames(frames)}); an error frame SHOULD answer it (contract section 4)` };
    },
    closed: (code, reason, frames) => malformedFrameClose(url, code, reason, frames),
  };
}

/** "A close 1011 is WS_SERVER_ERROR; any other close is WS_CLOSED_EARLY." */
export function malformedFrameClose(url: string, code: number, reason: string, frames: readonly NormalisedFrame[]): GoldenPathFailure {
  const what = `${url} closed with ${code} "${reason}" after an invalid JSON frame; the socket must stay open and still run the agent (contract section 4); frames received: ${describeFrames(frames)}`;
  return new GoldenPathFailure(code === 1011 ? 'WS_SERVER_ERROR' : 'WS_CLOSED_EARLY', what);
}
