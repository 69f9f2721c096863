import { guarded } from '../guard';
import { type RunSubject, type ScriptStep, envelope } from './agent-script';
import type { Frame } from './frames';
import type { RunPacing } from './run-pacing';

export interface RunDeps {
  /** Routes one event to the run's audience (the owner's sockets, section 4.2). */
  deliver(frame: Frame): void;
  /** Saves the answer to the thread at the completion step. */
  saveAnswer(answer: string): void;
  pacing: RunPacing;
  /** Tells the run's audience that the run broke unexpectedly; the run then ends. */
  fail(): void;
  /** `instant-agent`: every event in the same tick, no pacing. */
  instant: boolean;
  droppedEvents: ReadonlySet<string>;
  onFinish(): void;
}

/**
 * One simulated agent run: a chain of timers, one at a time, so cancelling is clearing a
 * single handle (the socket closed, or the platform stopped).
 */
export class ScriptedRun {
  private timer: NodeJS.Timeout | undefined;
  private index = 0;
  private startedAt = 0;
  private previousAt = 0;
  private finished = false;

  constructor(
    private readonly subject: RunSubject,
    private readonly steps: readonly ScriptStep[],
    private readonly deps: RunDeps,
  ) {}

  private readonly broke = (): void => {
    this.cancel();
    this.deps.fail();
  };

  /** Every step runs from a timer, outside any handler: each one is behind the guard. */
  private readonly step = guarded(
    'backend: agent run step',
    (first: boolean) => {
      if (first) this.startedAt = this.previousAt = Date.now();
      this.tick();
    },
    this.broke,
  );

  start(): void {
    if (this.deps.instant) {
      this.startedAt = this.previousAt = Date.now();
      const burst = (): void => {
        while (!this.finished) this.sendNext();
      };
      guarded('backend: instant agent run', burst, this.broke)();
      return;
    }
    this.timer = setTimeout(() => this.step(true), this.deps.pacing.pauseMs(0));
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.finish();
  }

  private tick(): void {
    this.timer = undefined;
    this.sendNext();
    if (this.finished) return;
    // The bare completion follows the first at once, as on the real backend.
    const next = this.steps[this.index];
    if (next?.follows) return this.tick();
    this.timer = setTimeout(() => this.step(false), this.deps.pacing.pauseMs(this.index));
  }

  private sendNext(): void {
    const step = this.steps[this.index++];
    if (!step) return this.finish();
    // `instant-agent` stamps the whole burst with one instant, as a canned replay would.
    const now = this.deps.instant ? this.startedAt : Date.now();
    const payload = step.payload({ sinceStartMs: now - this.startedAt, sincePreviousMs: now - this.previousAt });
    this.previousAt = now;
    if (step.answer !== undefined) this.deps.saveAnswer(step.answer);
    if (!this.deps.droppedEvents.has(step.type)) this.deps.deliver(envelope(step, this.subject, payload, now));
    if (this.index >= this.steps.length) this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.deps.onFinish();
  }
}
