import { expect, test } from '@playwright/test';
import { LatencySamples, percentile, renderLatencyTable, summariseLatency } from './latency-percentiles';

test('nearest-rank percentiles report measured values only', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  expect(percentile(ten, 50)).toBe(5);
  expect(percentile(ten, 95)).toBe(10);
  expect(percentile(ten, 0)).toBe(1);
  expect(percentile([42], 95)).toBe(42);
  expect(percentile([], 50)).toBeNaN();
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  expect(percentile(hundred, 95)).toBe(95);
  expect(percentile(hundred, 99)).toBe(99);
});

test('a summary sorts its input and keeps the max', () => {
  expect(summariseLatency('connect', [30, 10, 20])).toEqual({ measure: 'connect', count: 3, p50: 20, p95: 30, max: 30 });
});

test('samples keep the order measures were first seen, skip non-finite values, and render as Markdown', () => {
  const s = new LatencySamples();
  s.add('sign in', 3);
  s.add('agent run', 1200);
  s.add('sign in', 5);
  s.add('agent run', Number.NaN);
  const rows = s.summary();
  expect(rows.map((r) => [r.measure, r.count])).toEqual([
    ['sign in', 2],
    ['agent run', 1],
  ]);
  expect(renderLatencyTable(rows)).toBe(
    '| step | users | p50 | p95 | max |\n|---|---:|---:|---:|---:|\n| sign in | 2 | 3.0 ms | 5.0 ms | 5.0 ms |\n| agent run | 1 | 1200 ms | 1200 ms | 1200 ms |\n',
  );
});
