import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runGolden } from './golden-run';

/**
 * The run cannot pass without really executing (contract section 7): a short-circuited golden
 * step, a skipped golden test, a missing one and a focused one each make the run red with
 * NOT_REALLY_EXECUTED, whatever the tests themselves said; a run narrowed on purpose is
 * PARTIAL, never a pass.
 */
const CASES = path.resolve(__dirname, '../guard-cases');
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

test('a run narrowed on purpose to one stage is PARTIAL: exit 0 when what ran passed, never a pass, and red under CI', async () => {
  test.setTimeout(2 * DEADLINE_MS + 10_000);
  const [local, ci] = await Promise.all([
    runGolden({ args: ['tests/health'], deadlineMs: DEADLINE_MS }),
    runGolden({ args: ['tests/health'], env: { CI: 'true' }, deadlineMs: DEADLINE_MS }),
  ]);
  expect(local.exitCode, local.output).toBe(0);
  expect(local.summary).toMatchObject({ verdict: 'PARTIAL', guard: [], failures: [], scope: { kind: 'partial', narrowedBy: 'file tests/health' }, counts: { ran: 1, declared: 12 } });
  expect(local.output).toContain('GOLDEN PATH PARTIAL · local · 1 of 12 golden tests ran');
  expect(local.output).toMatch(/PASS {2}health/);
  expect(ci.exitCode, ci.output).not.toBe(0);
  expect(ci.summary?.verdict).toBe('PARTIAL');
  expect(ci.output).toContain('a partial run fails under CI (GOLDEN_ALLOW_PARTIAL=1 allows it)');
});

test('a test.only that slips in stops the run', async () => {
  test.setTimeout(DEADLINE_MS + 10_000);
  const run = await runGolden({ env: { GOLDEN_TEST_DIR: path.join(CASES, 'focused') }, deadlineMs: DEADLINE_MS });
  expect(run.exitCode).not.toBe(0);
  expect(run.output).toMatch(/focused item found|not allowed due to the '--forbid-only'|test\.only/i);
  expect(run.summary?.verdict).toBe('FAIL');
});
