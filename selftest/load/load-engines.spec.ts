import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { scanTexts, textsOf } from '../../src/report/artifact-scan';
import { loadVerdict } from '../../src/load/load-report';
import { loadPlatform, runLoad, type LoadPlatform, type LoadRun } from './load-run';

/**
 * The load mode's two engines against the reference platform: the Artillery scenario
 * (`npm run load -- --engine artillery`, Artillery installed by `npm run setup:artillery`) and
 * the own driver give the same verdict on the same platform: a healthy one passes (200 users
 * over 10 s, within Artillery's ensure checks), a broken one fails with the fault's contract
 * class counted. Nothing secret may appear in Artillery's terminal or JSON.
 */
// Kill limits, not budgets: Artillery's own start (CLI, bundling the processor, its worker)
// takes 8 s on a quiet 2-core machine and minutes when the machine is shared and busy; the
// load command's own limits (start-up, then the run's deadline) end it before this does.
const ARTILLERY_DEADLINE_MS = 360_000;
const OWN_DEADLINE_MS = 60_000;
const bypassKey = `bk-${randomBytes(12).toString('base64url')}`;
let outDir = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'golden-load-'));
});

test.afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const context = (run: LoadRun) => `\n--- npm run load output (last 3000 characters) ---\n${run.output.slice(-3_000)}`;

async function onPlatform<T>(faults: string, body: (platform: LoadPlatform) => Promise<T>): Promise<T> {
  const platform = await loadPlatform(faults, bypassKey);
  try {
    return await body(platform);
  } finally {
    await platform.stop();
  }
}

test('healthy platform: 200 Artillery users over 10 s pass the ensure checks, the own driver agrees, and nothing secret is written', async () => {
  test.setTimeout(ARTILLERY_DEADLINE_MS + OWN_DEADLINE_MS + 30_000);
  const [artillery, own] = await onPlatform('', async (platform) => {
    const common = { users: 200, ramp: '10s', platform, bypassKey, outDir };
    return [await runLoad({ ...common, engine: 'artillery', deadlineMs: ARTILLERY_DEADLINE_MS }), await runLoad({ ...common, engine: 'own', deadlineMs: OWN_DEADLINE_MS })];
  });
  const a = artillery.report;
  expect(artillery.exitCode, context(artillery)).toBe(0);
  expect(a?.users, context(artillery)).toEqual({ planned: 200, started: 200, succeeded: 200, failed: 0, unfinished: 0 });
  expect(a?.artillery?.ensure.failed, context(artillery)).toEqual([]);
  expect(a?.artillery?.ensure.passed, context(artillery)).toEqual(expect.arrayContaining(['vusers.failed == 0 and vusers.completed == vusers.created', 'golden.agent_completed.p95 < 15000']));
  // Artillery's own histograms, from the suite's checker: every step of every user.
  expect(a?.steps.map((s) => [s.measure, s.count])).toEqual(expect.arrayContaining([['connect to the welcome', 200], ['message sent → agent_completed', 200]]));
  expect(artillery.output, 'per-period reports').toContain('Metrics for period to');
  expect(own.exitCode, context(own)).toBe(0);
  expect(loadVerdict(own.report as NonNullable<typeof own.report>)).toEqual(loadVerdict(a as NonNullable<typeof a>));
  expect(loadVerdict(own.report as NonNullable<typeof own.report>)).toEqual({ pass: true, classes: [] });

  // Artillery's terminal and both JSON files it and the load mode wrote: no bypass key, no JWT.
  const artilleryJson = artillery.reportFile.replace(/\.json$/, '.artillery.json');
  const texts = [
    { where: 'terminal of npm run load -- --engine artillery', text: artillery.output },
    ...textsOf(artilleryJson, readFileSync(artilleryJson)),
    ...textsOf(artillery.reportFile, readFileSync(artillery.reportFile)),
  ];
  expect(texts.map((t) => t.text).join('').length, 'the scan read something').toBeGreaterThan(10_000);
  expect(scanTexts(texts, [bypassKey])).toEqual([]);
  // Not blind: the scan finds the key and a token where they would be.
  expect(scanTexts([{ where: 'probe', text: `${bypassKey} eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl` }], [bypassKey])).toHaveLength(2);
});

// Each fault's runs stay short: 20 users over 2 s, and for `stall` an event-gap budget of 1 s
// (tightened from the local file's 5 s, as the process environment may).
const FAULTS: { fault: string; failureClass: string; env: Record<string, string> }[] = [
  { fault: 'cross-user-leak', failureClass: 'ISOLATION_BREACH', env: {} },
  { fault: 'reorder-tools', failureClass: 'AGENT_EVENT_ORDER', env: {} },
  { fault: 'stall', failureClass: 'AGENT_STALLED', env: { BUDGET_EVENT_GAP_SOFT_MS: '500', BUDGET_EVENT_GAP_HARD_MS: '1000' } },
];

for (const { fault, failureClass, env } of FAULTS) {
  test(`${fault}: both engines fail with ${failureClass} counted`, async () => {
    test.setTimeout(ARTILLERY_DEADLINE_MS + OWN_DEADLINE_MS + 30_000);
    const [artillery, own] = await onPlatform(fault, async (platform) => {
      const common = { users: 20, ramp: '2s', platform, bypassKey, outDir, env };
      return [await runLoad({ ...common, engine: 'artillery', deadlineMs: ARTILLERY_DEADLINE_MS }), await runLoad({ ...common, engine: 'own', deadlineMs: OWN_DEADLINE_MS })];
    });
    const a = artillery.report;
    expect(artillery.exitCode, context(artillery)).toBe(1);
    expect(a?.errors.find((e) => e.failureClass === failureClass)?.count ?? 0, context(artillery)).toBeGreaterThan(0);
    expect(a?.errors.find((e) => e.failureClass === failureClass)?.example, context(artillery)).toMatch(new RegExp(`^\\[${failureClass}\\] `));
    expect(a?.artillery?.ensure.failed, context(artillery)).toContain('vusers.failed == 0 and vusers.completed == vusers.created');
    expect(own.exitCode, context(own)).toBe(1);
    // The same verdict: both fail, and the fault's class is what each counts most. (On a starved
    // machine a few users may also miss a loopback budget, SLA-like; that is the machine's, not
    // the engine's, so those extra classes are not compared.)
    for (const [run, report] of [[artillery, a], [own, own.report]] as const) {
      expect(report && loadVerdict(report).pass, context(run)).toBe(false);
      expect(report?.errors[0]?.failureClass, context(run)).toBe(failureClass);
    }
  });
}
