import { expect, test } from '@playwright/test';
import { parseProcStat, stolenShare } from './cpu-steal';

const stat = (user: number, idle: number, steal: number) => `cpu  ${user} 0 10 ${idle} 0 0 0 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\nintr 1\n`;

test('the machine-wide cpu line is read, the per-core lines are not', () => {
  expect(parseProcStat(stat(100, 800, 90))).toEqual({ total: 1000, steal: 90 });
  expect(parseProcStat('intr 1\n')).toBeUndefined();
  expect(parseProcStat('cpu  a b c\n')).toBeUndefined();
});

test('the stolen share is the steal ticks over all ticks between two readings', () => {
  const before = parseProcStat(stat(100, 800, 90));
  const after = parseProcStat(stat(400, 1300, 390));
  // 300 of 1 100 ticks were stolen.
  expect(stolenShare(before, after)).toBeCloseTo(300 / 1_100, 5);
  expect(stolenShare(after, before)).toBeUndefined();
  expect(stolenShare(undefined, after)).toBeUndefined();
});
