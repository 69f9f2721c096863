import { expect, test } from '@playwright/test';
import { failuresByStage, runGolden } from './golden-run';
import { FAULT_MATRIX, HANG_MARGIN_MS, TIGHT_BUDGETS } from './fault-matrix';

/**
 * The suite tested against a broken platform and against healthy ones that conform differently
 * (contract sections 4–8): for every fault, the run fails; exactly the stages that should fail
 * do, with the expected class and evidence; the others pass; every failed step failed within
 * its budget plus 2 s, never on Playwright's global timeout. Every healthy variant passes, with
 * the warnings its unmet SHOULDs call for and exactly the contract drift it sends.
 */
/**
 * A kill switch for a hung child run, not a budget (the steps' own budgets are asserted
 * below): platform start + browser + the longest hang, and Playwright's restart of a worker
 * after each failed test, which on a 2-core machine shared by several runs costs 5–10 s each.
 */
const RUN_DEADLINE_MS = 180_000;
/** real-pacing: runs of 10–20 s under the contract's budgets; the reconnect test runs two. */
const PACED_RUN_DEADLINE_MS = 240_000;

test.describe.configure({ mode: 'parallel' });

for (const c of FAULT_MATRIX) {
  const name = [c.fault, c.variants && `variant ${c.variants}`].filter(Boolean).join(' + ') || 'no fault';

  const deadlineMs = c.contractBudgets ? PACED_RUN_DEADLINE_MS : RUN_DEADLINE_MS;
  const budgets = c.contractBudgets ? {} : TIGHT_BUDGETS;

  test(`${name}: ${c.imitates}`, async () => {
    test.setTimeout(deadlineMs + 30_000);
    const run = await runGolden({
      faults: c.fault,
      variants: c.variants,
      project: c.project,
      env: { ...budgets, ...c.env },
      deadlineMs,
    });
    const context = `\n--- golden run output (${name}) ---\n${run.output.slice(-4000)}`;
    expect(run.summary, `no golden-path-summary.json was written${context}`).toBeDefined();
    const summary = run.summary!;
    const failed = failuresByStage(summary);
    const failedSteps = summary.stages.flatMap((s) => s.tests.flatMap((t) => t.steps.filter((step) => step.verdict === 'FAIL')));
    // One line per case for docs/benchmarks.md's figures: the verdict, the classes by stage, how long the slowest failed step took.
    console.log(
      `[matrix] ${name}: ${summary.verdict} in ${Math.round(run.wallMs)} ms; ${Object.entries(failed).map(([st, cls]) => `${st} ${[...new Set(cls)].join('/')}`).join(', ') || 'no failure'}; ` +
        `slowest failed step ${Math.round(Math.max(0, ...failedSteps.map((step) => step.durationMs)))} ms; warnings ${summary.warnings.length}; drift ${summary.drift.length}`,
    );
    const expectedRed = Object.keys(c.fail).length > 0;

    expect(run.exitCode !== 0, `exit code ${run.exitCode}${context}`).toBe(expectedRed);
    expect(summary.verdict, context).toBe(expectedRed ? 'FAIL' : 'PASS');
    expect(summary.guard, `the run guard found: ${JSON.stringify(summary.guard)}${context}`).toEqual([]);

    for (const [stage, cls] of Object.entries(c.fail)) {
      expect(failed[stage], `stage ${stage} should fail with ${cls}${context}`).toBeDefined();
      expect(new Set(failed[stage]), `every failure in ${stage} should be ${cls}${context}`).toEqual(new Set([cls]));
    }
    for (const [stage, pattern] of Object.entries(c.evidence ?? {}) as [string, RegExp][]) {
      const evidence = summary.failures.filter((f) => f.stage === stage).map((f) => f.evidence);
      expect(evidence.join('\n'), `the ${stage} failure should name its evidence${context}`).toMatch(pattern);
    }
    const unexpected = Object.entries(failed)
      .filter(([stage, classes]) => !(stage in c.fail) && !classes.every((k) => k === c.mayFail?.[stage]))
      .map(([stage, classes]) => `${stage}: ${classes.join(', ')}`);
    expect(unexpected, `stages that failed but should pass${context}`).toEqual([]);
    expect(run.output, 'a test hit the global test timeout instead of its step budget').not.toMatch(/Test timeout of \d+ms exceeded/);
    for (const f of summary.failures) expect(f.evidence, 'every failure names its class first').toMatch(/^\[[A-Z_]+\] /);

    // Every hang ends within its budget plus 2 s: each failed step, against its own hard budget or the case's bound.
    const slowFailures = summary.stages
      .flatMap((s) => s.tests.flatMap((t) => t.steps.map((step) => ({ test: t.title, step }))))
      .filter(({ step }) => step.verdict === 'FAIL' && step.durationMs > (c.failWithinMs ?? step.hardMs + HANG_MARGIN_MS))
      .map(({ test: t, step }) => `${t} › ${step.title}: ${Math.round(step.durationMs)} ms (${step.failureClass})`);
    expect(slowFailures, `failed steps that took longer than their bound${context}`).toEqual([]);
    for (const warning of c.warnings ?? []) expect(summary.warnings.join('\n'), `expected warning ${warning}${context}`).toMatch(warning);
    // Exactly what the platform sent beyond the contract; a run with no history calls all of it new.
    expect(summary.drift.map((d) => `${d.kind} ${d.name}`).sort(), `contract drift${context}`).toEqual([...(c.drift ?? [])].sort());
    for (const d of summary.drift) expect({ new: d.new, where: d.where.length > 0, count: d.count > 0, example: d.example.length > 0 }).toEqual({ new: true, where: true, count: true, example: true });
  });
}
