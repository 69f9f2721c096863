import { expect, test } from '@playwright/test';
import { GOLDEN_TESTS } from './golden-manifest';
import { guardRun, renderSummary, summariseRun, type SummaryInput, type TestReport } from './run-summary';
import { budgetVerdict, realExecutionProblem, stepFloorMs, type Evidence } from './step-guard';

const passed = (t: { stage: string; title: string }): TestReport => ({ ...t, outcome: 'passed', durationMs: 100, retries: 0, steps: [], warnings: [], versions: [] });
const input = (tests: TestReport[], extra: Partial<SummaryInput> = {}): SummaryInput => ({
  environment: 'local',
  chatAllowed: true,
  urls: {},
  startedAt: new Date(0),
  wallTimeMs: 1000,
  tests,
  failOnFlaky: true,
  globalErrors: [],
  runnerStatus: 'passed',
  ...extra,
});
const all = () => GOLDEN_TESTS.map(passed);

test('a full, passing run is PASS with no guard finding', () => {
  const s = summariseRun(input(all()));
  expect(s.verdict).toBe('PASS');
  expect(s.guard).toEqual([]);
  expect(s.counts).toMatchObject({ declared: GOLDEN_TESTS.length, passed: GOLDEN_TESTS.length });
});

test('zero tests, a skipped test, a missing test and an undeclared test each fail the run', () => {
  expect(guardRun(input([])).map((g) => g.detail)).toContain('no golden test ran at all');
  const skipped = all();
  skipped[0] = { ...skipped[0]!, outcome: 'skipped' };
  expect(summariseRun(input(skipped)).guard[0]).toMatchObject({ failureClass: 'NOT_REALLY_EXECUTED', detail: expect.stringContaining('was skipped') });
  expect(guardRun(input(all().slice(1)))[0]?.detail).toContain('did not run: filtered out, deleted or renamed');
  expect(guardRun(input([...all(), passed({ stage: 'socket', title: 'a stray test' })]))[0]?.detail).toContain('not declared');
  expect(summariseRun(input(all().slice(1))).verdict).toBe('FAIL');
});

test('a run that stopped before its first test says so once, with its start-up error as the failure', () => {
  const stopped = summariseRun(input([], { globalErrors: ['[CONFIG_INVALID] local: the reference platform exited with code 1 before it was ready'] }));
  expect(stopped.verdict).toBe('FAIL');
  expect(stopped.guard.map((g) => g.detail)).toEqual(['no golden test ran at all: the run stopped before its first test (the start-up error above)']);
  expect(stopped.failures).toMatchObject([{ stage: 'start-up', failureClass: 'CONFIG_INVALID' }]);
  // Without a start-up error, every missing test is still named.
  expect(guardRun(input([]))).toHaveLength(1 + GOLDEN_TESTS.length);
});

test('a shard is not missing the other shards\' tests; it still fails on a skipped or undeclared test', () => {
  const half = all().slice(0, 3);
  expect(guardRun(input(half, { scope: { kind: 'shard', shard: { current: 1, total: 2 } } }))).toEqual([]);
  half[0] = { ...half[0]!, outcome: 'skipped' };
  expect(guardRun(input(half, { scope: { kind: 'shard', shard: { current: 1, total: 2 } } }))[0]?.detail).toContain('was skipped');
  expect(guardRun(input([], { scope: { kind: 'shard', shard: { current: 2, total: 2 } } })).map((g) => g.detail)).toContain('no golden test ran at all');
});

test('read-only production declares only the tests that write nothing', () => {
  const readOnly = GOLDEN_TESTS.filter((t) => !t.writes).map(passed);
  expect(summariseRun(input(readOnly, { chatAllowed: false })).verdict).toBe('PASS');
});

test('a flaky test is named, and fails the run when flakiness is not tolerated (CI)', () => {
  const tests = all();
  tests[1] = { ...tests[1]!, outcome: 'flaky' };
  expect(summariseRun(input(tests)).verdict).toBe('FAIL');
  expect(summariseRun(input(tests, { failOnFlaky: false }))).toMatchObject({ verdict: 'PASS', flaky: [tests[1]!.title] });
});

test('failures carry their class, evidence and usual causes into the terminal block', () => {
  const tests = all();
  tests[4] = { ...tests[4]!, outcome: 'failed', error: '[WS_UPGRADE_REJECTED] upgrade to ws://x/ws answered HTTP 404 instead of 101' };
  const s = summariseRun(input(tests));
  expect(s.failures[0]).toMatchObject({ failureClass: 'WS_UPGRADE_REJECTED', causes: expect.stringContaining('no route for the socket path') });
  const text = renderSummary(s);
  expect(text).toContain('GOLDEN PATH FAIL');
  expect(text).toContain('✗ [WS_UPGRADE_REJECTED] socket');
});

test('budgets: soft is slow, hard is a failure', () => {
  const b = { softMs: 100, hardMs: 200 };
  expect([budgetVerdict(100, b), budgetVerdict(101, b), budgetVerdict(201, b)]).toEqual(['PASS', 'SLOW', 'FAIL']);
});

test('the guard needs evidence per step kind and the floor', () => {
  const http: Evidence = { kind: 'http', method: 'GET', url: 'u', status: 200, date: 'Sun, 22 Nov 2026 22:00:00 GMT', durationMs: 3 };
  expect(realExecutionProblem('http', 3, 0, [http])).toBeUndefined();
  expect(realExecutionProblem('http', 3, 0, [{ ...http, date: undefined }])).toContain('no evidence');
  expect(realExecutionProblem('http', 3, 0, [])).toContain('recorded: none');
  const frames: Evidence = { kind: 'frames', url: 'ws', received: 6, runId: 'run_1', types: [] };
  expect(realExecutionProblem('agentRun', 1200, 400, [frames])).toBeUndefined();
  expect(realExecutionProblem('agentRun', 2, 400, [frames])).toContain('under its floor of 400 ms');
  expect(realExecutionProblem('agentRun', 1200, 400, [{ ...frames, runId: undefined }])).toContain("run_id");
  // A step slowed by the client (typing, rendering) does not hide an agent that answered at once.
  expect(realExecutionProblem('agentRun', 1200, 400, [{ ...frames, receivedSpanMs: 3 }])).toContain('ran for 3.0 ms as received');
  expect(realExecutionProblem('agentRun', 1200, 400, [{ ...frames, receivedSpanMs: 900 }, { ...frames, receivedSpanMs: 12 }])).toContain('ran for 12.0 ms as received');
  // A burst a busy client received spread out over 450 ms still carries one instant.
  expect(realExecutionProblem('agentRun', 1200, 400, [{ ...frames, receivedSpanMs: 450, stampedSpanMs: 0 }])).toContain("ran for 0.0 ms by the platform's own timestamps");
  expect(realExecutionProblem('agentRun', 1200, 400, [{ ...frames, receivedSpanMs: 900, stampedSpanMs: 1250 }])).toBeUndefined();
  expect(realExecutionProblem('wsConnect', 5, 0, [{ kind: 'upgrade', url: 'ws', status: 101, accept: 'abc=', durationMs: 5 }])).toContain('no evidence');
});

test('a wsAnswer step needs a frame from the server or an HTTP answer with a Date header, and has no floor', () => {
  const frames: Evidence = { kind: 'frames', url: 'ws', received: 1, runId: undefined, types: ['error_message'] };
  const refused: Evidence = { kind: 'http', method: 'GET', url: 'ws', status: 403, date: 'Sun, 22 Nov 2026 22:00:00 GMT', durationMs: 2 };
  expect(realExecutionProblem('wsAnswer', 1, 0, [frames])).toBeUndefined();
  expect(realExecutionProblem('wsAnswer', 1, 0, [refused])).toBeUndefined();
  expect(realExecutionProblem('wsAnswer', 1, 0, [{ ...frames, received: 0 }])).toContain('no evidence');
});

test("the guard's table gives answers no floor and every other step kind the environment's", () => {
  const floors = { http: 5, token: 6, wsConnect: 7, agentRun: 800, pageLoad: 9 };
  expect(stepFloorMs('uiAnswer', floors)).toBe(0);
  expect(stepFloorMs('wsAnswer', floors)).toBe(0);
  for (const kind of ['http', 'token', 'wsConnect', 'agentRun', 'pageLoad'] as const) expect(stepFloorMs(kind, floors)).toBe(floors[kind]);
});

test('latency across users is printed under its test', () => {
  const multi = { ...passed({ stage: 'users', title: GOLDEN_TESTS.find((t) => t.stage === 'users')!.title }), latencies: [{ measure: 'connect to the welcome', count: 10, p50: 4, p95: 9, max: 12 }] };
  const text = renderSummary(summariseRun(input([...all().filter((t) => t.title !== multi.title), multi])));
  expect(text).toMatch(/across 10 users, ms: +p50 +p95 +max/);
  expect(text).toMatch(/connect to the welcome +4 +9 +12/);
});

test.describe('partial runs and shards', () => {
  const health = GOLDEN_TESTS.filter((t) => t.stage === 'health').map(passed);
  const partial = (extra: Partial<SummaryInput> = {}) =>
    input(health, { scope: { kind: 'partial', narrowing: { locations: ['tests/health'], opaque: [] } }, stageFolder: (s) => `/repo/tests/${s}`, ...extra });

  test('a narrowed run whose tests passed is PARTIAL, never PASS, and says k of N', () => {
    const s = summariseRun(partial());
    expect(s).toMatchObject({ verdict: 'PARTIAL', guard: [], scope: { kind: 'partial', narrowedBy: 'file tests/health' }, counts: { ran: 1, declared: GOLDEN_TESTS.length } });
    expect(renderSummary(s)).toContain(`GOLDEN PATH PARTIAL · local · 1 of ${GOLDEN_TESTS.length} golden tests ran`);
    expect(renderSummary(s)).toMatch(/PASS {2}health/);
  });

  test('a narrowed run with a failure, a skipped test, or a selected test that disappeared is FAIL', () => {
    expect(summariseRun(partial({ tests: [{ ...health[0]!, outcome: 'failed', error: '[BACKEND_UNHEALTHY] 503' }] })).verdict).toBe('FAIL');
    expect(summariseRun(partial({ tests: [{ ...health[0]!, outcome: 'skipped' }] })).verdict).toBe('FAIL');
    const gone = summariseRun(partial({ tests: [passed({ stage: 'auth', title: GOLDEN_TESTS[1]!.title })], scope: { kind: 'partial', narrowing: { locations: ['tests/health', 'tests/auth'], opaque: [] } } }));
    expect(gone.verdict).toBe('FAIL');
    expect(gone.guard.map((g) => g.detail).join()).toContain('matches file tests/health, file tests/auth but did not run: deleted or renamed');
  });

  test('a shard prints SHARD i/n and leaves the verdict to the merge, listing its own failures', () => {
    const s = summariseRun(input(all().slice(0, 6), { scope: { kind: 'shard', shard: { current: 1, total: 2 } } }));
    expect(s.verdict).toBe('SHARD');
    expect(renderSummary(s)).toContain('GOLDEN PATH SHARD 1/2 · local');
    const red = summariseRun(input([{ ...passed(GOLDEN_TESTS[0]!), outcome: 'failed', error: '[FRONTEND_UNAVAILABLE] 500' }], { scope: { kind: 'shard', shard: { current: 2, total: 2 } } }));
    expect(red.verdict).toBe('SHARD');
    expect(renderSummary(red)).toContain('[FRONTEND_UNAVAILABLE]');
  });

  test('writing tests refused on read-only production are counted, not failed', () => {
    const readOnly = GOLDEN_TESTS.filter((t) => !t.writes);
    const s = summariseRun(input(readOnly.map(passed), { chatAllowed: false, environment: 'production', refused: GOLDEN_TESTS.filter((t) => t.writes).map((t) => t.title) }));
    expect(s).toMatchObject({ verdict: 'PASS', counts: { refused: GOLDEN_TESTS.length - readOnly.length } });
  });
});

test.describe('drift and trends: warnings beside the verdict, never in it', () => {
  const stepOf = (title: string, durationMs: number) => ({ title, kind: 'agentRun' as const, budget: 'agentRun' as const, durationMs, softMs: 5000, hardMs: 15000, floorMs: 400, verdict: 'PASS' as const, evidence: [] });
  const withSteps = () =>
    all().map((t) => (t.stage === 'socket' ? { ...t, steps: [stepOf('the agent runs', 3000)], drift: [{ kind: 'event_type' as const, name: 'agent_response_chunk', count: 3, example: '{}' }] } : t));
  const earlier = Array.from({ length: 6 }, () => ({ v: 1 as const, environment: 'local', target: '', startedAt: '', verdict: 'PASS', steps: { 'socket › the agent runs': 1400 }, drift: [] }));

  test('a regressed step and drift leave a passing run PASS, each said once', () => {
    const s = summariseRun(input(withSteps(), { earlier }));
    expect(s.verdict).toBe('PASS');
    expect(s.failures).toEqual([]);
    expect(s.trends['socket › the agent runs']).toMatchObject({ runs: 6, medianMs: 1400, lastMs: 3000, regressed: true });
    expect(s.warnings).toContain('slower than usual: socket › the agent runs took 3.0 s, usually 1.4 s (median of 6 earlier runs)');
    expect(s.drift).toEqual([{ kind: 'event_type', name: 'agent_response_chunk', count: 3, example: '{}', where: [`socket › ${GOLDEN_TESTS.find((t) => t.stage === 'socket')!.title}`], new: true }]);
    const text = renderSummary(s);
    expect(text).toContain('! drift: 1 shape the contract does not list (1 new):');
    expect(text).toContain('    event_type agent_response_chunk ×3 · socket · new');
  });

  test('without drift the verdict has no drift line; a red run stays exactly as red', () => {
    expect(renderSummary(summariseRun(input(all())))).not.toContain('drift:');
    const failed = withSteps().map((t) => (t.stage === 'health' ? { ...t, outcome: 'failed' as const, error: '[BACKEND_UNHEALTHY] 503' } : t));
    const s = summariseRun(input(failed, { earlier }));
    expect(s.verdict).toBe('FAIL');
    expect(s.failures.map((f) => f.failureClass)).toEqual(['BACKEND_UNHEALTHY']);
  });
});
