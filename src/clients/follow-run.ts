import { performance } from 'node:perf_hooks';
import { AgentRun } from '../contract/agent-run';
import { errorCodeOf, type NormalisedFrame } from '../contract/events';
import { GoldenPathFailure } from '../contract/failure-classes';
import { nextRunDeadline, type RunBudgets } from '../contract/run-deadlines';
import { classifyClose } from '../contract/socket-outcome';

/**
 * Follows one agent run on any stream of received frames — the suite's own socket or the
 * page's socket seen through Playwright — under the run budgets, and settles with the run or
 * with the class of the first thing that went wrong. Every wait here has a deadline.
 */
export interface FrameSource {
  readonly url: string;
  readonly normalised: readonly NormalisedFrame[];
  readonly closed: { code: number; reason: string } | undefined;
  onFrame(listener: (frame: NormalisedFrame) => void): () => void;
  onClose(listener: () => void): () => void;
}

/** Whether a thread is the signed-in user's own (contract 4.1: `GET /api/threads`); rejects when it cannot tell. */
export type ThreadOwnership = (threadId: string) => Promise<boolean>;

export interface FollowOptions {
  /** Sends the message; the run's clock starts when it returns. */
  send?: () => void;
  /**
   * Asked about a thread the run does not know. Without it, the threads the run knows are all
   * the user has (a fresh user of the crowd or the load mode), and any other is a breach.
   */
  ownsThread?: ThreadOwnership;
}

export function followRun(source: FrameSource, run: AgentRun, budgets: RunBudgets, options: FollowOptions = {}): Promise<AgentRun> {
  return new Promise<AgentRun>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    /** Ownership questions in flight: the run is not judged complete while one is open. */
    const asking = new Set<string>();
    const settle = (error?: GoldenPathFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      offFrame();
      offClose();
      if (error) reject(error);
      else resolve(run);
    };
    const check = () => {
      if (settled) return;
      if (run.finding) {
        const { failureClass, detail, frame } = run.finding;
        return settle(new GoldenPathFailure(failureClass, `${detail}${frame ? `; frame: ${JSON.stringify(frame)}` : ''}`));
      }
      if (run.completedAt !== undefined && asking.size === 0) return settle();
      const deadline = nextRunDeadline(run, budgets);
      clearTimeout(timer);
      if (!deadline) return;
      timer = setTimeout(
        () => {
          const errors = run.errors.length ? `; error frames: ${run.errorTexts.join(' | ')}` : '';
          settle(new GoldenPathFailure(deadline.finding.failureClass, `${deadline.finding.detail}${errors}`));
        },
        Math.max(0, deadline.at - performance.now()),
      );
    };
    const verify = (threadId: string) => {
      if (asking.has(threadId)) return;
      if (!options.ownsThread) return run.resolveThread(threadId, false, 'it is not a thread the client created');
      asking.add(threadId);
      options.ownsThread(threadId).then(
        (owned) => run.resolveThread(threadId, owned),
        (error: Error) => run.resolveThread(threadId, false, `GET /api/threads could not confirm it: ${error.message}`),
      ).finally(() => {
        asking.delete(threadId);
        check();
      });
    };
    const offFrame = source.onFrame((frame) => {
      const role = run.accept(frame);
      // Contract 8: an AUTH_FAILED frame (in any error shape) for a valid token is
      // WS_AUTH_REJECTED, also when it answers a message the page sent before the welcome.
      if (role === 'error' && errorCodeOf(frame) === 'AUTH_FAILED') {
        return settle(new GoldenPathFailure('WS_AUTH_REJECTED', `${source.url} refused the token after the message was sent: ${JSON.stringify(frame.raw)}`));
      }
      if (role === 'unverified' && frame.threadId) verify(frame.threadId);
      check();
    });
    const closed = () => {
      const c = source.closed ?? { code: 1006, reason: '' };
      const when = `during the run (agent events so far: ${run.sequence.join(' → ') || 'none'})`;
      settle(classifyClose(source.url, c.code, c.reason, [...source.normalised], when));
    };
    const offClose = source.onClose(closed);
    if (source.closed) return closed();
    if (options.send) {
      options.send();
      run.markSent(performance.now());
    }
    check();
  });
}
