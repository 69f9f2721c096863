/**
 * Where a golden-path run's wall time goes, from the stage-timing reporter's JSON and the
 * bench's own spawn and exit times. Pure, so the arithmetic is unit-tested.
 */
export interface TimedSpan {
  title: string;
  startMs: number;
  durationMs: number;
}

export interface TestTiming {
  title: string;
  stage: string;
  workerIndex: number;
  parallelIndex: number;
  startMs: number;
  durationMs: number;
  status: string;
  /** Fixture set-up and teardown (category "fixture"), e.g. browser, context, page. */
  fixtures: TimedSpan[];
  /** "Before Hooks" and "After Hooks" (category "hook"), fixtures included. */
  hooks: TimedSpan[];
  /** The test's top-level steps: the golden steps, each a wait on the platform. */
  steps: TimedSpan[];
}

export interface RunTimings {
  beganAtMs: number;
  endedAtMs: number;
  runnerDurationMs: number;
  status: string;
  tests: TestTiming[];
}

export interface GoldenSplit {
  wallMs: number;
  /** Spawn to the runner's onBegin: npx, Playwright, the config, the webServer (reference platform), collecting tests. */
  runnerStartupMs: number;
  /** onBegin to the first test: the worker processes (webServer is up before onBegin). */
  workersStartMs: number;
  /** The longest browser launch (launches in parallel workers overlap), and how many there were. */
  browserStartMs: number;
  browserLaunches: number;
  /** Union over all tests of the golden steps: time during which the suite was waiting on the platform. */
  platformAnswerMs: number;
  /** First test start to last test end. */
  testsSpanMs: number;
  /** Last test end to exit: reporters, webServer shutdown. */
  teardownMs: number;
  longestTest: { stage: string; title: string; durationMs: number };
  stages: { stage: string; tests: number; sumMs: number }[];
  /** wall / platformAnswerMs: how much longer the run is than the platform's answering. */
  overheadRatio: number;
  /** wall / the longest test (the indivisible unit): the "critical path" ratio. */
  criticalPathRatio: number;
  /** Start-up before the first test + the longest test + teardown: what no parallelism can remove. */
  criticalChainMs: number;
  criticalChainRatio: number;
}

/** Total length of the union of intervals [start, start + duration). */
export function unionMs(spans: readonly { startMs: number; durationMs: number }[]): number {
  const sorted = spans.map((s) => [s.startMs, s.startMs + s.durationMs] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curStart = Number.NEGATIVE_INFINITY;
  let curEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of sorted) {
    if (start > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = start;
      curEnd = end;
    } else {
      curEnd = Math.max(curEnd, end);
    }
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

export function splitGoldenRun(t: RunTimings, spawnAtMs: number, exitAtMs: number): GoldenSplit {
  const wallMs = exitAtMs - spawnAtMs;
  const tests = t.tests;
  const firstStart = Math.min(...tests.map((x) => x.startMs));
  const lastEnd = Math.max(...tests.map((x) => x.startMs + x.durationMs));
  const launches = tests.flatMap((x) => x.fixtures.filter((f) => /"browser"$|^browser$/.test(f.title) && f.durationMs > 50));
  const longest = tests.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
  const stageNames = [...new Set(tests.map((x) => x.stage))];
  const platformAnswerMs = unionMs(tests.flatMap((x) => x.steps));
  const criticalChainMs = firstStart - spawnAtMs + longest.durationMs + (exitAtMs - lastEnd);
  return {
    wallMs,
    runnerStartupMs: t.beganAtMs - spawnAtMs,
    workersStartMs: firstStart - t.beganAtMs,
    browserStartMs: Math.max(0, ...launches.map((f) => f.durationMs)),
    browserLaunches: launches.length,
    platformAnswerMs,
    testsSpanMs: lastEnd - firstStart,
    teardownMs: exitAtMs - lastEnd,
    longestTest: { stage: longest.stage, title: longest.title, durationMs: longest.durationMs },
    stages: stageNames.map((stage) => {
      const of = tests.filter((x) => x.stage === stage);
      return { stage, tests: of.length, sumMs: of.reduce((a, x) => a + x.durationMs, 0) };
    }),
    overheadRatio: wallMs / platformAnswerMs,
    criticalPathRatio: wallMs / longest.durationMs,
    criticalChainMs,
    criticalChainRatio: wallMs / criticalChainMs,
  };
}
