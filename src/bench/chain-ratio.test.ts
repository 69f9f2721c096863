import { expect, test } from '@playwright/test';
import { cpuLine, medianPair, renderChain, summarisePairs, vsTarget, type ChainPair } from './chain-ratio';
import type { GoldenSplit } from './golden-split';

const split = (wallMs: number, longestMs: number, startupMs = 2_000): GoldenSplit => ({
  wallMs,
  runnerStartupMs: startupMs,
  workersStartMs: 500,
  browserStartMs: 400,
  browserLaunches: 1,
  platformAnswerMs: longestMs,
  testsSpanMs: wallMs - startupMs - 700,
  teardownMs: 200,
  longestTest: { stage: 'users', title: 'reconnect', durationMs: longestMs },
  stages: [],
  overheadRatio: 1,
  criticalPathRatio: wallMs / longestMs,
  criticalChainMs: startupMs + 500 + longestMs + 200,
  criticalChainRatio: wallMs / (startupMs + 500 + longestMs + 200),
});

const pair = (index: number, goldenMs: number, chainMs: number, load = 1, verdict = 'PASS'): ChainPair => ({
  index,
  order: index % 2 ? 'golden first' : 'chain first',
  loadAvg1m: load,
  golden: split(goldenMs, 3_000),
  goldenVerdict: verdict,
  chain: split(chainMs, 1_500),
  chainPassed: true,
});

test('the ratio is the median of the pairs’ own ratios, not a ratio of medians', () => {
  // Ratios 2.0, 1.2, 1.4: median 1.4, while median golden ÷ median chain would be 9 ÷ 5 = 1.8.
  const s = summarisePairs('reference', 'reference pacing', '3', [pair(1, 12_000, 6_000, 2.5), pair(2, 6_000, 5_000, 0.5), pair(3, 9_800, 7_000, 1)]);
  expect(s.ratioToChain).toBeCloseTo(1.4, 5);
  expect(s.ratio).toBe(s.ratioToChain);
  expect(s.target).toBe(1.5);
  expect(s.meets).toBe(true);
  expect(s.loadAvg).toEqual({ min: 0.5, max: 2.5 });
  expect(medianPair(s).index).toBe(3);
});

test('paced, the target applies to the golden path against its own longest chain; a red run never meets it', () => {
  const paced = summarisePairs('paced', 'PLATFORM_VARIANTS=real-pacing', '6', [pair(1, 40_000, 20_000), pair(2, 36_000, 20_000)]);
  // Done bare: the chain's 20 000 ms with its 1 500 ms test replaced by the golden path's 3 000 ms
  // longest test = 21 500 ms; of two pairs the nearest-rank median is the lower ratio.
  expect(paced.ratio).toBeCloseTo(36_000 / 21_500, 5);
  expect(paced.ratio).toBe(paced.ratioToLongestChain);
  // In the run itself: 2 000 + 500 + 3 000 + 200 = 5 700 ms.
  expect(paced.ratioToInRunChain).toBeCloseTo(36_000 / 5_700, 5);
  expect(paced.target).toBe(1.25);
  expect(paced.meets).toBe(false);
  const red = summarisePairs('reference', 'reference pacing', '3', [pair(1, 6_000, 5_000, 1, 'FAIL')]);
  expect(red.ratio).toBeLessThan(1.5);
  expect(red.meets).toBe(false);
  expect(() => summarisePairs('reference', '', '3', [])).toThrow();
});

test('the Markdown names both figures, the target, the load and where the time goes', () => {
  const md = renderChain([summarisePairs('reference', 'reference pacing', '3', [pair(1, 6_000, 5_000, 1.3)])]);
  expect(md).toContain('| reference | 3 | 1 | 6.0 s | 5.0 s | 1.20× | 0.92× | 1.05× |');
  expect(md).toContain('≤ 1.5× the bare chain | yes | 1.3–1.3 | – |');
  expect(md).toContain('| reference: golden path | 6.0 s | 2.0 s | 0.5 s | 0.4 s ×1 |');
});

test('the CPU the host took is shown per run and as a range; unmeasured, it is a dash', () => {
  const measured = { ...pair(1, 9_000, 6_000, 2), stolen: { golden: 0.31, chain: 0.04 } };
  const s = summarisePairs('reference', 'reference pacing', '3', [measured, { ...pair(2, 8_000, 6_000), stolen: { golden: 0.02, chain: undefined } }]);
  expect(s.stolen).toEqual({ min: 0.02, max: 0.31 });
  const md = renderChain([s]);
  expect(md).toContain('| 1.0–2.0 | 2 %–31 % |');
  expect(md).toContain('9.0 s / 6.0 s (golden first, 2.0, host took 31 % / 4 %)');
  expect(md).toContain('8.0 s / 6.0 s (chain first, 1.0, host took 2 % / –)');
  const unmeasured = summarisePairs('reference', 'reference pacing', '3', [pair(1, 6_000, 5_000)]);
  expect(unmeasured.stolen).toBeUndefined();
  expect(renderChain([unmeasured])).toContain('| 1.0–1.0 | – |');
});

test('a ratio just past its target shows the decimal that misses it; others keep two', () => {
  expect(vsTarget(1.5005, 1.5)).toBe('1.5005×');
  expect(vsTarget(1.503, 1.5)).toBe('1.503×');
  expect(vsTarget(1.5, 1.5)).toBe('1.50×');
  expect(vsTarget(1.4999, 1.5)).toBe('1.50×');
  expect(vsTarget(1.59, 1.5)).toBe('1.59×');
  // 6 000 ÷ 3 998: a miss by 0.0008 in the table, not a "1.50×" beside "no".
  const md = renderChain([summarisePairs('reference', 'reference pacing', '3', [pair(1, 6_000, 3_998)])]);
  expect(md).toContain('| 1.501× |');
  expect(md).toContain('| **no** |');
});

test('the CPU of each part is the median over pairs, with the whole run beside it', () => {
  const withCpu = (p: ChainPair, golden: number, chain: number): ChainPair => ({ ...p, cpu: { golden: { workers: golden, browser: 1 }, chain: { workers: chain, runner: 0.5 } } });
  const s = summarisePairs('reference', 'reference pacing', '3', [withCpu(pair(1, 7_000, 5_000), 4, 1), withCpu(pair(2, 7_000, 5_000), 3, 1.2), withCpu(pair(3, 7_000, 5_000), 5, 0.8)]);
  expect(s.cpu?.golden).toEqual({ total: 5, workers: 4, browser: 1 });
  expect(s.cpu?.chain).toEqual({ total: 1.5, workers: 1, runner: 0.5 });
  const md = renderChain([s]);
  expect(md).toContain('| run | total | runner | workers | browser |');
  expect(md).toContain('| reference: golden path | 5.0 | – | 4.0 | 1.0 |');
  expect(md).toContain('| reference: bare chain | 1.5 | 0.5 | 1.0 | – |');
  expect(cpuLine({ browser: 1, workers: 4.04 })).toBe('5.0 s (workers 4.0, browser 1.0)');
  expect(summarisePairs('reference', 'reference pacing', '3', [pair(1, 7_000, 5_000)]).cpu).toBeUndefined();
});
