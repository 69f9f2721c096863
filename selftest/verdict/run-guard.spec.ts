import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runGolden } from './golden-run';

/**
 * The run cannot pass without really executing (contract section 7): a short-circuited golden
 * step, a skipped golden test, a filtered-out one and a focused one each make the run red with
 * NOT_REALLY_EXECUTED, whatever the tests themselves said.
 */
const CASES = path.resolve(import.meta.dirname, '../guard-cases');
const DEADLINE_MS = 60_000;

test.describe.configure({ mode: 'parallel' });

test('a golden step answered by a local stub, and a skipped golden test, fail the run', async () => {
  test.setTimeout(DEADLINE_MS + 10_000);
  const run = await runGolden({ env: { GOLDEN_TEST_DIR: path.join(CASES, 'stubbed') }, deadlineMs: DEADLINE_MS });
  expect(run.exitCode, run.output).not.toBe(0);
  const summary = run.summary!;
  expect(summary.verdict).toBe('FAIL');
  expect(summary.failures).toEqual([
    expect.objectContaining({ failureClass: 'NOT_REALLY_EXECUTED', evidence: expect.stringContaining('no evidence of real execution') }),
  ]);
  const guard = summary.guard.map((g) => `${g.failureClass} ${g.detail}`).join('\n');
  expect(guard).toContain('NOT_REALLY_EXECUTED golden test "the auth service is healthy and publishes its config" (auth) was skipped');
  expect(guard).toContain('"a chat message over the socket makes the agent run" (socket) did not run');
  expect(run.output).toContain('GOLDEN PATH FAIL');
});

test('filtering golden tests out (--grep-invert) fails the run even when everything that ran passed', async () => {
  test.setTimeout(DEADLINE_MS + 10_000);
  const run = await runGolden({ args: ['--grep-invert', 'in the browser'], deadlineMs: DEADLINE_MS });
  expect(run.exitCode, run.output).not.toBe(0);
  expect(run.summary?.failures).toEqual([]);
  expect(run.summary?.guard).toEqual([
    { failureClass: 'NOT_REALLY_EXECUTED', detail: expect.stringContaining('"a user chats with the agent in the browser" (browser) did not run') },
  ]);
});

test('a test.only that slips in stops the run', async () => {
  test.setTimeout(DEADLINE_MS + 10_000);
  const run = await runGolden({ env: { GOLDEN_TEST_DIR: path.join(CASES, 'focused') }, deadlineMs: DEADLINE_MS });
  expect(run.exitCode).not.toBe(0);
  expect(run.output).toMatch(/focused item found|not allowed due to the '--forbid-only'|test\.only/i);
  expect(run.summary?.verdict).toBe('FAIL');
});
