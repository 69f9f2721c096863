import { expect, test } from '@playwright/test';
import { failuresByStage, runGolden } from './golden-run';
import { FAULT_MATRIX } from './fault-matrix';

/**
 * The suite tested against a broken platform (contract sections 6–8): for every fault, the run
 * fails; exactly the stages that should fail do, with the expected class; the others pass; and
 * the run ends within its budgets, never on Playwright's global timeout. Budgets are tightened
 * (only tightening is allowed from the process environment) so that hangs fail in seconds.
 */
const TIGHT = {
  BUDGET_WS_CONNECT_HARD_MS: '2000',
  BUDGET_FIRST_EVENT_HARD_MS: '3000',
  BUDGET_EVENT_GAP_HARD_MS: '3000',
};
/** Platform start + browser + the longest hang above, with room for a loaded 2-core machine. */
const RUN_DEADLINE_MS = 90_000;

test.describe.configure({ mode: 'parallel' });

for (const c of FAULT_MATRIX) {
  const name = c.fault || 'no fault';

  test(`${name}: ${c.imitates}`, async () => {
    test.setTimeout(RUN_DEADLINE_MS + 10_000);
    const run = await runGolden({ faults: c.fault, env: { ...TIGHT, ...c.env }, deadlineMs: RUN_DEADLINE_MS });
    const context = `\n--- golden run output (${name}) ---\n${run.output.slice(-4000)}`;
    expect(run.summary, `no golden-path-summary.json was written${context}`).toBeDefined();
    const summary = run.summary!;
    const failed = failuresByStage(summary);
    const expectedRed = Object.keys(c.fail).length > 0;

    expect(run.exitCode !== 0, `exit code ${run.exitCode}${context}`).toBe(expectedRed);
    expect(summary.verdict, context).toBe(expectedRed ? 'FAIL' : 'PASS');
    expect(summary.guard, `the run guard found: ${JSON.stringify(summary.guard)}${context}`).toEqual([]);

    for (const [stage, cls] of Object.entries(c.fail)) {
      expect(failed[stage], `stage ${stage} should fail with ${cls}${context}`).toBeDefined();
      expect(new Set(failed[stage]), `every failure in ${stage} should be ${cls}${context}`).toEqual(new Set([cls]));
    }
    const unexpected = Object.entries(failed)
      .filter(([stage, classes]) => !(stage in c.fail) && !classes.every((k) => k === c.mayFail?.[stage]))
      .map(([stage, classes]) => `${stage}: ${classes.join(', ')}`);
    expect(unexpected, `stages that failed but should pass${context}`).toEqual([]);
    expect(run.output, 'a test hit the global test timeout instead of its step budget').not.toMatch(/Test timeout of \d+ms exceeded/);
    for (const f of summary.failures) expect(f.evidence, 'every failure names its class first').toMatch(/^\[[A-Z_]+\] /);
    // A healthy variant that must warn; the other cases say nothing about warnings.
    // eslint-disable-next-line playwright/no-conditional-in-test, playwright/no-conditional-expect
    if (c.warning) expect(summary.warnings.join('\n')).toMatch(c.warning);
  });
}
