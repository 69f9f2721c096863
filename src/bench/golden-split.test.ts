import { expect, test } from '@playwright/test';
import { splitGoldenRun, unionMs, type TestTiming } from './golden-split';

test('the union of intervals counts overlaps once and gaps not at all', () => {
  expect(unionMs([])).toBe(0);
  expect(unionMs([{ startMs: 0, durationMs: 10 }, { startMs: 5, durationMs: 10 }, { startMs: 30, durationMs: 5 }])).toBe(20);
  expect(unionMs([{ startMs: 10, durationMs: 5 }, { startMs: 0, durationMs: 100 }])).toBe(100);
});

test('a run splits into start-up, platform and workers, tests, teardown; ratios against the platform and the longest test', () => {
  const t = (title: string, stage: string, startMs: number, durationMs: number, extra: Partial<TestTiming> = {}): TestTiming => ({
    title,
    stage,
    workerIndex: 0,
    parallelIndex: 0,
    startMs,
    durationMs,
    status: 'passed',
    fixtures: [],
    hooks: [],
    steps: [{ title: 'step', startMs: startMs + 100, durationMs: durationMs - 200 }],
    ...extra,
  });
  const split = splitGoldenRun(
    {
      beganAtMs: 3_000,
      endedAtMs: 9_900,
      runnerDurationMs: 7_000,
      status: 'passed',
      tests: [
        t('browser', 'browser', 4_000, 4_000, { fixtures: [{ title: 'Fixture "browser"', startMs: 4_000, durationMs: 400 }] }),
        t('frontend', 'frontend', 4_000, 3_000, { fixtures: [{ title: 'Fixture "browser"', startMs: 4_000, durationMs: 350 }] }),
        t('socket', 'socket', 4_200, 1_000),
      ],
    },
    1_000,
    10_000,
  );
  expect(split).toMatchObject({
    wallMs: 9_000,
    runnerStartupMs: 2_000,
    workersStartMs: 1_000,
    browserStartMs: 400,
    browserLaunches: 2,
    platformAnswerMs: 3_800,
    testsSpanMs: 4_000,
    teardownMs: 2_000,
    longestTest: { stage: 'browser', title: 'browser', durationMs: 4_000 },
    criticalChainMs: 9_000,
  });
  expect(split.overheadRatio).toBeCloseTo(9_000 / 3_800);
  expect(split.criticalPathRatio).toBeCloseTo(2.25);
  expect(split.criticalChainRatio).toBeCloseTo(1);
  expect(split.stages).toEqual([
    { stage: 'browser', tests: 1, sumMs: 4_000 },
    { stage: 'frontend', tests: 1, sumMs: 3_000 },
    { stage: 'socket', tests: 1, sumMs: 1_000 },
  ]);
});
