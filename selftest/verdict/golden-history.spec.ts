import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parseHistory, type HistoryPoint } from '../../src/report/golden-history';
import { freePort, runGolden } from './golden-run';

/**
 * What changed since the last run, end to end, and that it never turns a run red: the golden
 * path runs against a platform a release ahead of the contract, with a golden history of five
 * earlier runs in which every agent run took 500 ms and the confidence field was seen already.
 * The run is green and exits 0; every agent run is "slower than usual" (a warning), the streamed
 * chunks are new drift and the confidence is not; the run adds its point to the history; Allure
 * gets each test's steps across runs, the run's pictures and one timeline per agent run.
 */
const RUN_DEADLINE_MS = 180_000;
const AGENT_STEPS = [
  'socket › the agent starts, thinks, runs its tool and completes',
  'browser › send a message; the agent starts, thinks, runs its tool and completes',
  'users › the agent answers the first message',
  'unhappy › the same socket still runs the agent to completion',
];

test('a slower platform that sends shapes the contract does not list stays green, with its trends, drift and pictures', async () => {
  test.setTimeout(RUN_DEADLINE_MS + 30_000);
  const ports: [number, number, number] = [await freePort(), await freePort(), await freePort()];
  const target = `http://localhost:${ports[2]}`;
  const historyDir = mkdtempSync(path.join(tmpdir(), 'golden-history-'));
  const historyFile = path.join(historyDir, 'golden-history.jsonl');
  const earlier: HistoryPoint[] = Array.from({ length: 5 }, (_, i) => ({
    v: 1,
    environment: 'local',
    target,
    startedAt: new Date(Date.UTC(2026, 11, 1 + i, 2, 17)).toISOString(),
    verdict: 'PASS',
    steps: Object.fromEntries(AGENT_STEPS.map((k) => [k, 500])),
    drift: ['field agent_thinking.payload.confidence'],
  }));
  // A point of another deployment, far faster still: never compared with.
  const elsewhere = { ...earlier[0]!, target: 'https://api.staging.netrasystems.ai', steps: Object.fromEntries(AGENT_STEPS.map((k) => [k, 5])) };
  writeFileSync(historyFile, [...earlier, elsewhere].map((p) => JSON.stringify(p)).join('\n') + '\n');

  const run = await runGolden({ ports, variants: 'ahead-of-contract', env: { GOLDEN_HISTORY_PATH: historyFile }, keep: true, deadlineMs: RUN_DEADLINE_MS });
  const context = `\n--- golden run output ---\n${run.output.slice(-3000)}`;
  const summary = run.summary!;
  expect(summary, `no summary${context}`).toBeDefined();

  // The verdict's truth did not move.
  expect(run.exitCode, context).toBe(0);
  expect(summary.verdict, context).toBe('PASS');
  expect(summary.failures).toEqual([]);

  for (const key of AGENT_STEPS) {
    expect(summary.trends[key], key).toMatchObject({ runs: 5, medianMs: 500, regressed: true });
    expect(summary.warnings.join('\n')).toContain(`slower than usual: ${key} took`);
  }
  expect(summary.drift.map((d) => [`${d.kind} ${d.name}`, d.new])).toEqual([
    ['event_type agent_response_chunk', true],
    ['field agent_thinking.payload.confidence', false],
  ]);
  expect(run.output).toContain('drift: 2 shapes the contract does not list (1 new)');

  const after = parseHistory(readFileSync(historyFile, 'utf8'));
  expect(after).toHaveLength(7);
  expect(after.at(-1)).toMatchObject({ environment: 'local', target, verdict: 'PASS', drift: ['event_type agent_response_chunk', 'field agent_thinking.payload.confidence'] });
  expect(after.at(-1)!.steps[AGENT_STEPS[0]!]).toBeGreaterThan(500);

  // Allure: each test's chart and labels, the run's pictures, a timeline per agent run.
  const results = path.join(path.dirname(run.outputDir), 'allure-results');
  const files = readdirSync(results);
  const parsed = files.filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(path.join(results, f), 'utf8')) as AllureResult);
  const socket = parsed.find((r) => r.name === 'a chat message over the socket makes the agent run')!;
  // On the test itself: Allure files each as an attachment step of the test's own, beside its steps (not under its hooks).
  const names = (r: AllureResult) => [...r.attachments, ...r.steps.flatMap((st) => st.attachments)].map((a) => a.name);
  expect(names(socket)).toEqual(expect.arrayContaining(['step durations across runs', 'timeline · run 1']));
  expect(socket.labels).toEqual(expect.arrayContaining([
    { name: 'warning', value: expect.stringContaining('slower than usual: socket › the agent starts') },
    { name: 'drift-new', value: 'event_type agent_response_chunk' },
    { name: 'drift', value: 'field agent_thinking.payload.confidence' },
  ]));
  const crowd = parsed.find((r) => r.name === 'many users chat at the same moment and each sees only their own run')!;
  expect(names(crowd).filter((n) => n.startsWith('timeline ·'))).toHaveLength(10);
  const globals = files.filter((f) => f.endsWith('-globals.json')).flatMap((f) => (JSON.parse(readFileSync(path.join(results, f), 'utf8')) as { attachments: { name: string }[] }).attachments.map((a) => a.name));
  expect(globals).toEqual(['local: step durations across runs', 'local: contract drift']);

  rmSync(path.dirname(run.outputDir), { recursive: true, force: true });
  rmSync(historyDir, { recursive: true, force: true });
});

interface AllureResult {
  name: string;
  labels: { name: string; value: string }[];
  attachments: { name: string; source: string; type: string }[];
  steps: { name: string; attachments: { name: string }[] }[];
}
