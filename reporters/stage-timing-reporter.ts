import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullResult, Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import type { RunTimings, TestTiming, TimedSpan } from '../src/bench/golden-split';
import { stageOfFile } from '../src/verdict/golden-manifest';

/**
 * Where a golden-path run's wall time goes, for `npm run bench`: when the runner was ready
 * (onBegin), and per test its worker, its fixtures (browser launch among them) and its golden
 * steps on the wall clock. playwright.config.ts adds it, with GOLDEN_TIMINGS as its output
 * file, only when that variable is set.
 */
const span = (s: TestStep): TimedSpan => ({ title: s.title, startMs: s.startTime.getTime(), durationMs: s.duration });

function collect(steps: readonly TestStep[], category: string, out: TimedSpan[]): void {
  for (const s of steps) {
    if (s.category === category) out.push(span(s));
    collect(s.steps, category, out);
  }
}

export default class StageTimingReporter implements Reporter {
  private beganAtMs = 0;
  private readonly tests: TestTiming[] = [];

  constructor(private readonly options: { outputFile: string }) {}

  onBegin(): void {
    this.beganAtMs = Date.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const fixtures: TimedSpan[] = [];
    const hooks: TimedSpan[] = [];
    collect(result.steps, 'fixture', fixtures);
    for (const s of result.steps) if (s.category === 'hook') hooks.push(span(s));
    this.tests.push({
      title: test.title,
      stage: stageOfFile(test.location.file),
      workerIndex: result.workerIndex,
      parallelIndex: result.parallelIndex,
      startMs: result.startTime.getTime(),
      durationMs: result.duration,
      status: result.status,
      fixtures,
      hooks,
      steps: result.steps.filter((s) => s.category === 'test.step').map(span),
    });
  }

  onEnd(result: FullResult): void {
    const out = this.options.outputFile;
    const timings: RunTimings = { beganAtMs: this.beganAtMs, endedAtMs: Date.now(), runnerDurationMs: result.duration, status: result.status, tests: this.tests };
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(timings, null, 2));
  }

  printsToStdio(): boolean {
    return false;
  }
}
