import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import { parseRssKb, parseStat, processTree, ProcessTreeSampler } from './proc-sampler';

test('stat fields are counted from the last parenthesis, so odd command names do not shift them', () => {
  const line = '4242 (node (load) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 40 3 1 20 0 11 0 9999 1000 50 18446744073709551615';
  expect(parseStat(line)).toEqual({ pid: 4242, utime: 250, stime: 40 });
  expect(parseStat('garbage')).toBeUndefined();
});

test('VmRSS is read in kB, zero when absent', () => {
  expect(parseRssKb('Name:\tnode\nVmHWM:\t  200000 kB\nVmRSS:\t  123456 kB\n')).toBe(123456);
  expect(parseRssKb('Name:\tzombie\n')).toBe(0);
});

test('the tree of a process holds its living children; the sampler reads its memory and CPU', async () => {
  // A child that lives until it is killed (stdin stays open), so the tree is read while it runs.
  const child = spawn(process.execPath, ['-e', 'process.stdin.resume()'], { stdio: ['pipe', 'ignore', 'ignore'] });
  try {
    await once(child, 'spawn');
    expect(processTree(process.pid)).toEqual(expect.arrayContaining([process.pid, child.pid]));
    const sampler = new ProcessTreeSampler(process.pid);
    sampler.sample();
    const usage = sampler.stop();
    expect(usage.samples).toBe(1);
    // This worker holds tens of MB and has run for a while: zero would mean /proc was not read.
    expect(usage.peakRssMb).toBeGreaterThan(1);
    expect(usage.cpuSeconds).toBeGreaterThan(0);
    // This process is a Playwright worker, and its CPU is counted as such.
    expect(usage.byPart.workers ?? 0).toBeGreaterThan(0);
    expect(Object.values(usage.byPart).reduce((a, b) => a + b, 0)).toBeCloseTo(usage.cpuSeconds, 5);
  } finally {
    child.kill('SIGKILL');
  }
});
