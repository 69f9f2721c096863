import { expect, test } from '@playwright/test';
import { errorsByClass, loadPassed, loadVerdict, renderLoadReport, UNFINISHED, type LoadReport } from './load-report';

test('errors are counted by contract class, most frequent first, with the first message', () => {
  const counted = errorsByClass([
    '[WS_NO_WELCOME] no welcome within 3000 ms\nmore',
    '[AGENT_STALLED] stopped',
    '[WS_NO_WELCOME] again',
    `[${UNFINISHED}] still running at the deadline`,
    'TypeError: boom',
  ]);
  expect(counted).toEqual([
    { failureClass: 'WS_NO_WELCOME', count: 2, example: '[WS_NO_WELCOME] no welcome within 3000 ms' },
    { failureClass: 'AGENT_STALLED', count: 1, example: '[AGENT_STALLED] stopped' },
    { failureClass: UNFINISHED, count: 1, example: `[${UNFINISHED}] still running at the deadline` },
    { failureClass: 'UNCLASSIFIED', count: 1, example: 'TypeError: boom' },
  ]);
});

test('the Markdown report names users, success, steps, added latency, CPU, memory and errors', () => {
  const row = { measure: 'connect to the welcome', count: 2, p50: 3, p95: 4, max: 4 };
  const r: LoadReport = {
    tool: 'golden-path load',
    environment: 'local',
    urls: { auth: 'a', backend: 'b', ws: 'ws://x/ws' },
    startedAt: '2026-11-22T00:00:00.000Z',
    options: { users: 2, rampMs: 1000, durationLimitMs: 61_000 },
    users: { planned: 2, started: 2, succeeded: 1, failed: 1, unfinished: 0 },
    successRate: 0.5,
    peakOpenSockets: 2,
    wallMs: 2500,
    throughput: { runsPerSecond: 0.7, framesPerSecond: 9, framesReceived: 20 },
    steps: [row],
    clientAdded: { frameToVerdict: { ...row, measure: 'frame → verdict', p95: 0.2 }, eventLoopDelay: { p50: 1, p95: 2, max: 3 }, p95BoundMs: 2.2, serverStampToVerdict: { ...row, measure: 'stamp', p50: 1, p95: 2, max: 5 } },
    errors: [{ failureClass: 'AGENT_STALLED', count: 1, example: '[AGENT_STALLED] a|b' }],
    cpu: { userMs: 1000, systemMs: 200, percentOfOneCore: 48 },
    memory: { peakRssMb: 90.5 },
  };
  const text = renderLoadReport(r);
  const expected = [
    '| 2 | 1 | 1 | 0 | 50.0 % | 2 | 2.5 s | 0.7 | 9.0 |',
    '| connect to the welcome | 2 | 3.0 ms | 4.0 ms | 4.0 ms |',
    '| **p95 bound (sum of the p95s; goal < 5 ms)** | | **2.2 ms** | |',
    '| cross-check: platform timestamp → checker verdict | 1.0 ms | 2.0 ms | 5.0 ms |',
    'CPU 1.0 s user + 0.2 s system = 48.0 % of one core · peak RSS 90.5 MB',
    '| AGENT_STALLED | 1 | [AGENT_STALLED] a\\|b |',
  ];
  for (const line of expected) expect(text).toContain(line);
});

test('a load run passes only when every planned user succeeded and Artillery, when it ran, held its checks', () => {
  const base = { users: { planned: 3, started: 3, succeeded: 3, failed: 0, unfinished: 0 }, errors: [] } as unknown as LoadReport;
  const artillery = (exitCode: number, failed: string[]) => ({ exitCode, ensure: { passed: [], failed, warnings: [] }, reportFile: 'r.json' });
  expect(loadPassed(base)).toBe(true);
  expect(loadPassed({ ...base, users: { ...base.users, succeeded: 2, failed: 1 } })).toBe(false);
  expect(loadPassed({ ...base, artillery: artillery(0, []) })).toBe(true);
  expect(loadPassed({ ...base, artillery: artillery(1, []) })).toBe(false);
  expect(loadPassed({ ...base, artillery: artillery(0, ['golden.agent_completed.p95 < 15000']) })).toBe(false);
  const failing = { ...base, users: { ...base.users, succeeded: 1, failed: 2 }, errors: [{ failureClass: 'ISOLATION_BREACH', count: 1, example: '' }, { failureClass: 'AGENT_STALLED', count: 1, example: '' }] };
  expect(loadVerdict(failing)).toEqual({ pass: false, classes: ['AGENT_STALLED', 'ISOLATION_BREACH'] });
});
