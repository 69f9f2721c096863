import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { BUDGET_DEFAULTS } from '../config/budgets';
import { ENVIRONMENTS, loadEnvironment } from '../config/environment';
import { ARTILLERY_SCENARIO, artilleryArgs, ensureFor, ensureResults, readArtilleryReport } from './artillery-plan';
import { parseLoadArgs } from './load-options';

const ROOT = path.resolve(__dirname, '../..');
type Scenario = {
  config: { processor: string; includeFiles: string[]; plugins: Record<string, unknown>; environments: Record<string, { phases: { name: string }[]; ensure: unknown }> };
  scenarios: { flow: Record<string, unknown>[] }[];
};
const scenario = parse(readFileSync(path.join(ROOT, ARTILLERY_SCENARIO), 'utf8')) as Scenario;

test('the load flags become one even arrival phase, each user holding for the ramp, with the budgets as ensure checks', () => {
  const options = parseLoadArgs(['--engine', 'artillery', '--users', '200', '--ramp', '10s']);
  const { overrides, variables } = artilleryArgs(options, BUDGET_DEFAULTS);
  expect(JSON.parse(overrides)).toEqual({
    config: {
      phases: [{ name: 'ramp', duration: '10000ms', arrivalCount: 200 }],
      ensure: {
        thresholds: [{ 'golden.agent_completed.p95': 120_000 }],
        conditions: [{ expression: 'vusers.failed == 0 and vusers.completed == vusers.created' }, { expression: 'golden.agent_completed.p95 < 60000', strict: false }],
      },
    },
  });
  expect(JSON.parse(variables)).toEqual({ hold: '10000ms' });
});

test("each environment's ensure checks in the scenario are its env file's agent-run budgets", () => {
  // Dummy secrets: staging and production need them to load; no real process environment leaks in.
  const processEnv = { E2E_BYPASS_KEY: 'dummy-bypass-key', TEST_USER_PASSWORD: 'dummy-password' };
  expect(Object.keys(scenario.config.environments).sort()).toEqual([...ENVIRONMENTS].sort());
  for (const name of ENVIRONMENTS) {
    const { budgets } = loadEnvironment(name, { rootDir: ROOT, processEnv });
    expect(scenario.config.environments[name]?.ensure, name).toEqual(ensureFor(budgets));
  }
  expect(scenario.config.plugins).toHaveProperty('ensure');
  expect(scenario.config.environments.staging?.phases.map((p) => p.name)).toEqual(['warm-up', 'ramp', 'sustained']);
});

test("the flow is the golden path's steps, each a function the processor exports; only environment files travel to workers", () => {
  const steps = (scenario.scenarios[0]?.flow ?? []).map((s) => Object.keys(s)[0] === 'function' ? s.function : Object.keys(s)[0]);
  expect(steps).toEqual(['signIn', 'startConversation', 'connect', 'chat', 'think', 'leave']);
  const processor = readFileSync(path.resolve(ROOT, path.dirname(ARTILLERY_SCENARIO), scenario.config.processor), 'utf8');
  // Artillery calls a plain function callback-style: each step must be `async`.
  for (const name of steps.filter((s) => s !== 'think')) expect(processor, name as string).toMatch(new RegExp(`export async function ${name as string}\\(`));
  for (const file of scenario.config.includeFiles) {
    expect(file).not.toMatch(/secrets/);
    expect(existsSync(path.resolve(ROOT, path.dirname(ARTILLERY_SCENARIO), file)), file).toBe(true);
  }
});

test("Artillery's report is read into the load report's rows, with the processor's first example per class", () => {
  const outcome = readArtilleryReport(
    {
      aggregate: {
        counters: { 'vusers.created': 10, 'vusers.completed': 8, 'vusers.failed': 2, 'errors.AGENT_STALLED': 2 },
        summaries: {
          'golden.agent_completed': { count: 8, p50: 1400, median: 1400, p95: 1410, max: 1500 },
          'golden.frame_to_verdict': { count: 70, median: 0.1, p95: 0.3, max: 2 },
        },
        firstMetricAt: 1_000,
        lastMetricAt: 5_000,
      },
    },
    'noise\ngolden: first AGENT_STALLED: events stopped for 1000 ms\n',
  );
  expect(outcome).toMatchObject({ created: 10, completed: 8, failed: 2, framesJudged: 70, metricSpanMs: 4_000 });
  expect(outcome.errors).toEqual([{ failureClass: 'AGENT_STALLED', count: 2, example: '[AGENT_STALLED] events stopped for 1000 ms' }]);
  expect(outcome.steps).toEqual([{ measure: 'message sent → agent_completed', count: 8, p50: 1400, p95: 1410, max: 1500 }]);
  expect(outcome.frameToVerdict).toMatchObject({ p50: 0.1, p95: 0.3 });
  expect(readArtilleryReport(undefined)).toMatchObject({ created: 0, completed: 0, errors: [], steps: [] });
});

test("Artillery's ensure lines: passed, failed, and optional failures as warnings", () => {
  const out = 'Checks:\nok: golden.agent_completed.p95 < 15000\n\u001b[31mfail\u001b[39m: vusers.failed == 0\nfail: golden.agent_completed.p95 < 5000 (optional)\n';
  expect(ensureResults(out)).toEqual({ passed: ['golden.agent_completed.p95 < 15000'], failed: ['vusers.failed == 0'], warnings: ['golden.agent_completed.p95 < 5000'] });
});
