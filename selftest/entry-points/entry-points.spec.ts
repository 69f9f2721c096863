import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { RunSummary } from '../../src/verdict/run-summary';
import { QUEUED_FIRST } from '../../src/verdict/dispatch-order';
import { freePort } from '../verdict/golden-run';
import { startTestServer } from './test-server-client';

/**
 * Every way people start Playwright sees the same projects, and none of them can write to
 * production: the config is loaded the way the test server behind UI mode and the VS Code
 * extension loads it (no `test`, no `--project` on its command line), and through the CLI's
 * `--list`. Production's URLs point at a stand-in on loopback that records every request:
 * nothing here ever reaches a real host.
 */
const ROOT = path.resolve(__dirname, '../..');
const DEADLINE_MS = 90_000;

test.describe.configure({ mode: 'parallel' });

interface StandIn {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

async function recordingStandIn(): Promise<StandIn> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"stand-in"}');
  });
  server.on('upgrade', (req, socket) => {
    requests.push(`UPGRADE ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The process environment of a person with no secrets exported, aimed at `host` for every environment. */
function environmentFor(host: string, dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FRONTEND_URL: `http://${host}`,
    AUTH_URL: `http://${host}`,
    BACKEND_URL: `http://${host}`,
    WS_URL: `ws://${host}/ws`,
    PW_OUTPUT_DIR: path.join(dir, 'test-results'),
    ALLURE_RESULTS_DIR: path.join(dir, 'allure-results'),
    PW_HTML_REPORT_DIR: path.join(dir, 'playwright-report'),
    PW_BLOB_DIR: path.join(dir, 'blob-report'),
    CI: '',
    FORCE_COLOR: '0',
    ...extra,
  };
  for (const name of ['TEST_WORKER_INDEX', 'TEST_PARALLEL_INDEX', 'GOLDEN_ENV', 'E2E_BYPASS_KEY', 'ACCESS_TOKEN', 'TEST_USER_PASSWORD', 'ALLOW_PRODUCTION_CHAT']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/@playwright/test/cli.js'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: DEADLINE_MS, killSignal: 'SIGKILL' });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}

test('through the test server, production refuses its writing tests in the worker: they are skipped and make no request', async () => {
  test.setTimeout(DEADLINE_MS + 10_000);
  const standIn = await recordingStandIn();
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-entry-'));
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const server = await startTestServer(environmentFor(standIn.url, dir, { TEST_USER_PASSWORD: password, START_PLATFORM: '0' }), DEADLINE_MS);
  try {
    await server.request('initialize', { interceptStdio: false });
    // The extension lists every project, staging's without its secret too.
    const listed = await server.request<{ status: string; report: { method: string; params?: { project?: { name: string } } }[] }>('listTests', {});
    expect(listed.status, server.output()).toBe('passed');
    const projects = listed.report.filter((m) => m.method === 'onProject').map((m) => m.params?.project?.name);
    expect(projects).toEqual(expect.arrayContaining(['local', 'staging', 'production']));

    // Ticking production in VS Code: the writing tests and one read-only test, which proves the stand-in hears the suite.
    const run = await server.request<{ status: string }>('runTests', { projects: ['production'], grep: '@writes|the backend is healthy' }, DEADLINE_MS);
    expect(run.status, server.output()).toBe('failed'); // the health test meets a 404 stand-in
  } finally {
    await server.close();
    await standIn.close();
  }
  const summary = JSON.parse(readFileSync(path.join(dir, 'test-results', 'golden-path-summary.json'), 'utf8')) as RunSummary;
  rmSync(dir, { recursive: true, force: true });
  expect(summary.environment).toBe('production');
  expect(summary.refused).toHaveLength(8);
  expect(summary.counts).toMatchObject({ ran: 1, failed: 1, refused: 8 });
  expect(summary.failures[0]?.failureClass).toBe('BACKEND_UNHEALTHY');
  expect(standIn.requests.length, 'the read-only test reached the stand-in').toBeGreaterThan(0);
  // Only the read-only test's health reads: no sign-in, no thread, no socket.
  expect(standIn.requests.filter((r) => !/^GET \/(api\/|ws\/)?health(\/ready)?$/.test(r))).toEqual([]);
});

test("through the test server's global setup local starts its reference platform and stops it at teardown; missing staging secrets do not matter", async () => {
  test.setTimeout(DEADLINE_MS + 10_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-entry-'));
  const [frontend, auth, backend] = await Promise.all([freePort(), freePort(), freePort()]);
  const env = {
    ...environmentFor(`localhost:${backend}`, dir),
    FRONTEND_URL: `http://localhost:${frontend}`,
    AUTH_URL: `http://localhost:${auth}`,
  };
  const server = await startTestServer(env, DEADLINE_MS);
  try {
    await server.request('initialize', { interceptStdio: false });
    const setup = await server.request<{ status: string }>('runGlobalSetup', {}, 40_000);
    expect(setup.status, server.output()).toBe('passed');
    const health = await fetch(`http://localhost:${backend}/health`, { signal: AbortSignal.timeout(5_000) });
    expect(health.status).toBe(200);
    const teardown = await server.request<{ status: string }>('runGlobalTeardown', {}, 20_000);
    expect(teardown.status).toBe('passed');
    await expect(fetch(`http://localhost:${frontend}/`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI: a reference platform that cannot start stops the run as [CONFIG_INVALID] with its own last words, named once', async () => {
  test.setTimeout(DEADLINE_MS + 10_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-entry-'));
  const [frontend, auth, backend] = await Promise.all([freePort(), freePort(), freePort()]);
  const env = {
    ...environmentFor(`localhost:${backend}`, dir, { PLATFORM_FAULTS: 'no-such-fault' }),
    FRONTEND_URL: `http://localhost:${frontend}`,
    AUTH_URL: `http://localhost:${auth}`,
  };
  try {
    const run = await cli(['test', '--project=local'], env);
    expect(run.status, run.output).toBe(1);
    expect(run.output).toMatch(/✗ \[CONFIG_INVALID\] start-up · \(outside any test\)\n\s+local: the reference platform exited with code 1 before it was ready; it said: .*unknown fault "no-such-fault"/);
    expect(run.output).toContain('no golden test ran at all: the run stopped before its first test');
    expect(run.output).not.toContain('did not run: filtered out');
    expect(run.output).not.toMatch(/Running \d+ test/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI: --list needs no --project and no secret; a selected environment without its secret stops before any test', async () => {
  test.setTimeout(DEADLINE_MS * 3);
  const standIn = await recordingStandIn();
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-entry-'));
  const env = environmentFor(standIn.url, dir);
  try {
    const plain = await cli(['test', '--list'], env);
    expect(plain.status, plain.output).toBe(0);
    expect(plain.output).toMatch(/Total: 12 tests in \d+ files/);
    expect(plain.output).not.toContain('[staging]');
    const named = await cli(['test', '--list', '--project=staging', '--project=production'], env);
    expect(named.status, named.output).toBe(0);
    expect(named.output).toMatch(/Total: 24 tests in \d+ files/);
    const staging = await cli(['test', '--project=staging'], env);
    expect(staging.status).not.toBe(0);
    expect(staging.output).toContain('[CONFIG_INVALID]');
    expect(staging.output).toContain('staging: E2E_BYPASS_KEY is missing');
    expect(staging.output).not.toMatch(/Running \d+ test/);
  } finally {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  }
  expect(standIn.requests).toEqual([]);
});

test("the CLI: --list leaves the last run's Allure results and history as they were (it runs nothing)", async () => {
  test.setTimeout(DEADLINE_MS + 10_000);
  const standIn = await recordingStandIn();
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-entry-'));
  const history = path.join(dir, 'allure-history.jsonl');
  const env = environmentFor(standIn.url, dir, { ALLURE_HISTORY_PATH: history });
  const results = env.ALLURE_RESULTS_DIR ?? '';
  const lastPoint = '{"uuid":"last-run","timestamp":1,"testResults":{}}\n';
  try {
    mkdirSync(results, { recursive: true });
    writeFileSync(path.join(results, 'last-run-result.json'), '{}');
    writeFileSync(history, lastPoint);
    const listed = await cli(['test', '--list', '--project=local'], env);
    expect(listed.status, listed.output).toBe(0);
    expect(listed.output).toMatch(/Total: 12 tests in \d+ files/);
    // Before, --list emptied the folder, wrote every listed test as skipped and added a point of them.
    expect(readdirSync(results), 'the results folder after --list').toEqual(['last-run-result.json']);
    expect(readFileSync(history, 'utf8'), 'the history after --list').toBe(lastPoint);
  } finally {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  }
  expect(standIn.requests).toEqual([]);
});

test('the CLI: Playwright queues the golden tests in the declared order (the chat test, the agent tests longest first, the page load); a shard keeps its own order', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-entry-'));
  const env = environmentFor('127.0.0.1:9', dir);
  // `--list` prints the queue's order: the suite as Playwright holds it after the reporters' preprocess.
  const listed = (output: string) => [...output.matchAll(/\[local\] › (\S+\.spec\.ts):\d+:\d+/g)].map((m) => m[1]!.split('\\').join('/'));
  try {
    const whole = await cli(['test', '--list', '--project=local'], env);
    expect(whole.status, whole.output).toBe(0);
    const files = [...new Set(listed(whole.output))];
    expect(files.slice(0, QUEUED_FIRST.length), whole.output).toEqual([...QUEUED_FIRST]);
    expect(files).toHaveLength(10);
    const shard = await cli(['test', '--list', '--project=local', '--shard=1/2'], env);
    expect(listed(shard.output)[0], shard.output).toBe('auth/auth.spec.ts');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI: a shard writes its blob report where npm run merge finds it and no history point; a whole run leaves no blob and adds one point', async () => {
  test.setTimeout(DEADLINE_MS * 2 + 10_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-entry-'));
  const [frontend, auth, backend] = await Promise.all([freePort(), freePort(), freePort()]);
  // The history point is written in a worker thread of the runner (allure-history-thread.mjs).
  const history = path.join(dir, 'allure-history.jsonl');
  const env: NodeJS.ProcessEnv = { ...environmentFor(`localhost:${backend}`, dir), FRONTEND_URL: `http://localhost:${frontend}`, AUTH_URL: `http://localhost:${auth}`, ALLURE_HISTORY_PATH: history };
  delete env.PW_BLOB_DIR;
  // The blob folders are the project's own (blob-report/), as for a person running shards.
  const shardDir = path.join(ROOT, 'blob-report', 'shard-12-of-12');
  const scratch = path.join(ROOT, 'blob-report', '.current');
  try {
    rmSync(shardDir, { recursive: true, force: true });
    // 12 golden tests in 12 shards: the last shard is one quick test.
    const shard = await cli(['test', '--project=local', '--shard=12/12'], env);
    expect(shard.output).toMatch(/GOLDEN PATH SHARD 12\/12/);
    expect(readdirSync(shardDir).filter((f) => f.endsWith('.zip')), shard.output).toHaveLength(1);
    expect(existsSync(history), 'a shard (a part of a run) added a history point').toBe(false);
    rmSync(shardDir, { recursive: true, force: true });
    const whole = await cli(['test', '--project=local', 'tests/health'], env);
    expect(whole.output).toMatch(/GOLDEN PATH PARTIAL/);
    expect(existsSync(shardDir) || existsSync(scratch), 'a whole run wrote a blob report').toBe(false);
    const points = readFileSync(history, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { testResults: Record<string, { name: string; status: string }> });
    expect(points.map((p) => Object.values(p.testResults).map((r) => `${r.name}: ${r.status}`)), whole.output).toEqual([['the backend is healthy, ready and its socket is up: passed']]);
  } finally {
    rmSync(shardDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});
