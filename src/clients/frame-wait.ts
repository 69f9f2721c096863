import type { NormalisedFrame } from '../contract/events';
import type { GoldenPathFailure } from '../contract/failure-classes';
import { classifyClose } from '../contract/socket-outcome';
import type { FrameSource } from './follow-run';

export type CloseClassifier = (code: number, reason: string, frames: NormalisedFrame[]) => GoldenPathFailure;

/**
 * Waits for the first frame received on `source` that `match` accepts. After `timeoutMs`,
 * `onTimeout` says what that means: a failure, or undefined when silence is an answer too. A
 * close first fails with `onClosed`'s class (by default the close's own, contract section 4).
 */
export function waitForFrame(
  source: FrameSource,
  match: (frame: NormalisedFrame) => boolean,
  timeoutMs: number,
  onTimeout: () => GoldenPathFailure | undefined,
  since = 0,
  onClosed: CloseClassifier = (code, reason, frames) => classifyClose(source.url, code, reason, frames, 'while waiting for an answer'),
): Promise<NormalisedFrame | undefined> {
  const already = source.normalised.find((f) => f.receivedAt >= since && match(f));
  if (already) return Promise.resolve(already);
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      offFrame();
      offClose();
    };
    const timer = setTimeout(() => {
      cleanup();
      const failure = onTimeout();
      if (failure) reject(failure);
      else resolve(undefined);
    }, timeoutMs);
    const offFrame = source.onFrame((f) => {
      if (match(f)) {
        cleanup();
        resolve(f);
      }
    });
    const closed = () => {
      cleanup();
      const c = source.closed ?? { code: 1006, reason: '' };
      reject(onClosed(c.code, c.reason, [...source.normalised]));
    };
    const offClose = source.onClose(closed);
    if (source.closed) closed();
  });
}
