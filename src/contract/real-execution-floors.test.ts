import { expect, test } from '@playwright/test';
import path from 'node:path';
import { loadEnvironment } from '../config/environment';
import { realExecutionProblem, type Evidence } from '../verdict/step-guard';

/**
 * Contract section 7: a floor catches the impossible, not the fast; it sits well below the
 * fastest real execution of its step in its environment. These are real executions seen on
 * healthy deployments; no environment's floor may call them unreal.
 */
const ROOT = path.resolve(__dirname, '../..');
const env = (name: string) => loadEnvironment(name, { rootDir: ROOT, processEnv: { E2E_BYPASS_KEY: 'k', TEST_USER_PASSWORD: 'p' } });
const pageEvidence: Evidence[] = [
  { kind: 'document', url: 'https://app.example.test/chat', status: 200, date: 'Tue, 01 Dec 2026 09:00:00 GMT' },
  { kind: 'rendered', what: 'main-chat', text: 'Netra' },
];
const httpEvidence: Evidence[] = [{ kind: 'http', method: 'GET', url: 'https://api.example.test/health', status: 200, date: 'Tue, 01 Dec 2026 09:00:00 GMT', durationMs: 0.4 }];

test('a fast real page load (small page, ~20 ms network: 158.7 ms) passes every remote environment', () => {
  for (const name of ['staging', 'production']) {
    expect(realExecutionProblem('pageLoad', 158.7, env(name).floors.pageLoad, pageEvidence), name).toBeUndefined();
  }
});

test('a small page on loopback (tens of ms on an idle machine) passes local', () => {
  expect(env('local').floors.pageLoad).toBeLessThanOrEqual(10);
  expect(realExecutionProblem('pageLoad', 12, env('local').floors.pageLoad, pageEvidence)).toBeUndefined();
});

test('an HTTP answer from a nearby region over a warm connection (about 1-2 ms) passes staging and production; loopback passes local', () => {
  for (const name of ['staging', 'production']) {
    for (const kind of ['http', 'token'] as const) expect(realExecutionProblem(kind, 1.2, env(name).floors[kind], httpEvidence), `${name} ${kind}`).toBeUndefined();
    expect(env(name).floors.wsConnect).toBeLessThanOrEqual(1);
  }
  expect(env('local').floors).toMatchObject({ http: 0, token: 0, wsConnect: 0 });
});

test('what the floors still catch: a step with no evidence, and an agent run faster than any real agent', () => {
  expect(realExecutionProblem('pageLoad', 158.7, env('staging').floors.pageLoad, [])).toMatch(/no evidence of real execution/);
  const instant: Evidence[] = [{ kind: 'frames', url: 'wss://x/ws', received: 5, runId: 'r', types: [], receivedSpanMs: 3, stampedSpanMs: 0 }];
  for (const name of ['local', 'staging', 'production']) expect(realExecutionProblem('agentRun', 1500, env(name).floors.agentRun, instant), name).toMatch(/under its floor/);
});
