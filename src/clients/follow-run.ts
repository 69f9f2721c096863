import { performance } from 'node:perf_hooks';
import { AgentRun } from '../contract/agent-run';
import { errorTextOf, type NormalisedFrame } from '../contract/events';
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

export function followRun(source: FrameSource, run: AgentRun, budgets: RunBudgets, send?: () => void): Promise<AgentRun> {
  return new Promise<AgentRun>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
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
      if (run.finding) {
        const { failureClass, detail, frame } = run.finding;
        return settle(new GoldenPathFailure(failureClass, `${detail}${frame ? `; frame: ${JSON.stringify(frame)}` : ''}`));
      }
      if (run.completedAt !== undefined) return settle();
      const deadline = nextRunDeadline(run, budgets);
      clearTimeout(timer);
      if (!deadline) return;
      timer = setTimeout(
        () => {
          const errors = run.errors.length ? `; error frames: ${run.errors.join(' | ')}` : '';
          settle(new GoldenPathFailure(deadline.finding.failureClass, `${deadline.finding.detail}${errors}`));
        },
        Math.max(0, deadline.at - performance.now()),
      );
    };
    const offFrame = source.onFrame((frame) => {
      const role = run.accept(frame);
      if (role === 'error' && run.firstEventAt === undefined && run.sentAt !== undefined) {
        return settle(
          new GoldenPathFailure(
            'AGENT_NO_EVENTS',
            `the platform answered the message with an error instead of running the agent: ${errorTextOf(frame) ?? JSON.stringify(frame.raw)}`,
          ),
        );
      }
      check();
    });
    const closed = () => {
      const c = source.closed ?? { code: 1006, reason: '' };
      const when = `during the run (agent events so far: ${run.sequence.join(' → ') || 'none'})`;
      settle(classifyClose(source.url, c.code, c.reason, [...source.normalised], when));
    };
    const offClose = source.onClose(closed);
    if (source.closed) return closed();
    if (send) {
      send();
      run.markSent(performance.now());
    }
    check();
  });
}
