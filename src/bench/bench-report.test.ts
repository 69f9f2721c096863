import { expect, test } from '@playwright/test';
import type { LoadReport } from '../load/load-report';
import { median, medianRun, renderBench, type BenchResults, type GoldenMeasure, type ToolRun } from './bench-report';
import type { GoldenSplit } from './golden-split';

const split = (wallMs: number): GoldenSplit => ({
  wallMs,
  runnerStartupMs: 1_600,
  workersStartMs: 900,
  browserStartMs: 400,
  browserLaunches: 2,
  platformAnswerMs: 6_000,
  testsSpanMs: 6_500,
  teardownMs: 200,
  longestTest: { stage: 'browser', title: 'a user chats with the agent in the browser', durationMs: 4_000 },
  stages: [],
  overheadRatio: wallMs / 6_000,
  criticalPathRatio: wallMs / 4_000,
  criticalChainMs: 6_700,
  criticalChainRatio: wallMs / 6_700,
});
const golden = (label: string, wallMs: number, workers = 3): GoldenMeasure => ({ label, workers, cold: label === 'cold', exitCode: 0, verdict: 'PASS', loadAvg1m: 1, split: split(wallMs) });
const tool = (name: string, cpuS: number): ToolRun => ({
  tool: name,
  users: 1000,
  succeeded: 1000,
  failed: 0,
  serverPeakSockets: 1000,
  completed: { p50: 1402, p95: 1411, max: 1424 },
  wallS: 12,
  cpuS,
  cpuPercentOfOneCore: 40,
  peakRssMb: 170,
  errors: {},
  loadAvg1m: 1,
});

test('medians are nearest-rank: a measured value for odd and even counts, and its run', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 2, 3])).toBe(2);
  expect(median([])).toBeNaN();
  expect(medianRun([golden('a', 9_000), golden('b', 11_000), golden('c', 10_000)])?.label).toBe('c');
  expect(medianRun([golden('a', 9_000), golden('b', 11_000), golden('c', 10_000), golden('d', 12_000)])?.label).toBe('c');
});

test('the Markdown names the golden split, the ladder verdict and the side-by-side ratios', () => {
  const report = { successRate: 1, clientAdded: { frameToVerdict: { p95: 0.05 }, eventLoopDelay: { p95: 1.2 }, p95BoundMs: 1.25, serverStampToVerdict: { p95: 2 } }, steps: [{ measure: 'message sent → agent_completed', count: 1000, p50: 1400, p95: 1411, max: 1420 }] } as unknown as LoadReport;
  const r: BenchResults = {
    meta: { startedAt: '2026-11-22T23:00:00.000Z', node: 'v20', cpus: 'Xeon', cores: 2, memoryGb: 24, commit: 'abc1234', notes: ['a note'] },
    golden: { cold: golden('cold', 11_000), warm: [golden('warm 1', 10_000), golden('warm 2', 9_800)], sweep: [golden('warm 1, GOLDEN_WORKERS=4', 9_600, 4)], listMs: 1_200, platformStartMs: 400 },
    ladder: { rungs: [{ users: 1000, rampS: 10, pass: true, why: '', report, tool: tool('ours', 4.9) }], maxUsers: 1000, goalMs: 5 },
    sideBySide: [{ users: 1000, rampS: 10, ours: tool('ours', 4.9), artillery: tool('Artillery', 13.6), artilleryVersion: '2.0.34' }],
  };
  const md = renderBench(r);
  const expected = [
    '| cold | 3 | 11.0 s | 1.6 s | 0.9 s | 0.4 s ×2 | 6.0 s | 0.2 s | 4.0 s (browser) | 1.83× | 2.75× | 1.64× | PASS | 1.0 |',
    '| warm, GOLDEN_WORKERS=4 (median of 1) | 4 | 9.6 s |',
    '(alone, `--list`: 1.2 s)',
    '| 1000 | 10 s | pass | 100.0 % | 1000 | 0.05 ms | 1.20 ms | 1.25 ms | 2.0 ms | 1411 ms | 4.9 s (40 %) | 170 MB | 1.0 |',
    'Most users held with the added-latency p95 under 5 ms and 100 % success: **1000**.',
    'Ratios ours ÷ Artillery: CPU 0.36×, peak RSS 1.00×, sent → agent_completed p95 1.00×.',
    '- a note',
  ];
  for (const line of expected) expect(md).toContain(line);
});
