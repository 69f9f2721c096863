import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunSummary } from '../../src/verdict/run-summary';

/**
 * Runs the real golden path in a child process against its own reference platform on free
 * loopback ports, with faults and variants switched on, and reads back what a user of the
 * suite would: the exit code, the terminal and golden-path-summary.json. `--project=local`
 * lets Playwright start the platform; any other project is aimed at a platform this module
 * starts itself, by URL overrides: the recipe for aiming a project at a nearby deployment.
 */
export interface GoldenRun {
  exitCode: number;
  wallMs: number;
  output: string;
  summary: RunSummary | undefined;
  outputDir: string;
}

export interface GoldenRunOptions {
  faults?: string;
  /** `PLATFORM_VARIANTS`: healthy, conforming differently. */
  variants?: string;
  /** The golden path's project (environment); default `local`. */
  project?: 'local' | 'staging';
  env?: Record<string, string>;
  args?: string[];
  /** Kills the child if it runs longer: a hung run is a failure of the suite, never a wait. */
  deadlineMs: number;
  /** Keep the run's folder (results, traces) for the caller to read, and to remove. */
  keep?: boolean;
  /** Run from this folder (reporters that write relative to the working directory land there). */
  cwd?: string;
  /** Frontend, auth and backend ports, when the caller needs the URLs before the run (default: free ones). */
  ports?: [number, number, number];
}

const ROOT = path.resolve(__dirname, '../..');
const READY = /netra reference platform ready/;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Collects a child's output and resolves with its exit code; kills its process group at the deadline. */
function finished(child: ChildProcess, deadlineMs: number, log: (text: string) => void): Promise<number> {
  child.stdout?.on('data', (d: Buffer) => log(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log(d.toString()));
  return new Promise<number>((resolve) => {
    const timer = setTimeout(() => {
      log(`\n[selftest] killed after ${deadlineMs} ms`);
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, deadlineMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}

/** The reference platform as a deployment of its own (for projects other than local), ready when it says so. */
async function startPlatform(env: NodeJS.ProcessEnv, ports: number[], deadlineMs: number): Promise<{ stop: () => Promise<void>; output: () => string }> {
  const [frontend, auth, backend] = ports.map(String);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'platform/main.ts')], {
    cwd: ROOT,
    env: { ...env, FRONTEND_PORT: frontend, AUTH_PORT: auth, BACKEND_PORT: backend },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = finished(child, deadlineMs, (t) => (output += t));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the reference platform did not say ready within 20 s: ${output}`)), 20_000);
    child.stdout?.on('data', () => READY.test(output) && (clearTimeout(timer), resolve()));
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`the reference platform exited with ${code}: ${output}`))));
  });
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

export async function runGolden(options: GoldenRunOptions): Promise<GoldenRun> {
  const ports = options.ports ?? (await Promise.all([freePort(), freePort(), freePort()]));
  const [frontend, auth, backend] = ports;
  const project = options.project ?? 'local';
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-run-'));
  const outputDir = path.join(dir, 'test-results');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FRONTEND_URL: `http://localhost:${frontend}`,
    AUTH_URL: `http://localhost:${auth}`,
    BACKEND_URL: `http://localhost:${backend}`,
    WS_URL: `ws://localhost:${backend}/ws`,
    PLATFORM_FAULTS: options.faults ?? '',
    PLATFORM_VARIANTS: options.variants ?? '',
    ALLURE_RESULTS_DIR: path.join(dir, 'allure-results'),
    GOLDEN_WORKERS: process.env.GOLDEN_WORKERS ?? '2',
    // The parent's CI=true would add retries; a fault must fail on the first try.
    CI: '',
    FORCE_COLOR: '0',
    ...options.env,
  };
  delete env.TEST_WORKER_INDEX;
  delete env.TEST_PARALLEL_INDEX;
  delete env.GOLDEN_ENV;
  const started = performance.now();
  let output = '';
  const platform = project === 'local' ? undefined : await startPlatform(env, ports, options.deadlineMs);
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/@playwright/test/cli.js'),
      'test',
      ...(options.cwd ? ['-c', path.join(ROOT, 'playwright.config.ts')] : []),
      `--project=${project}`,
      `--output=${outputDir}`,
      '--retries=0',
      ...(options.args ?? []),
    ],
    { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const exitCode = await finished(child, options.deadlineMs, (t) => (output += t));
  await platform?.stop();
  if (platform && /failed|Error/.test(platform.output())) output += `\n--- platform ---\n${platform.output().slice(-2000)}`;
  let summary: RunSummary | undefined;
  try {
    summary = JSON.parse(readFileSync(path.join(outputDir, 'golden-path-summary.json'), 'utf8')) as RunSummary;
  } catch {
    summary = undefined;
  }
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
  return { exitCode, wallMs: performance.now() - started, output, summary, outputDir };
}

/** Stage → the class each of its failures carries; every stage not named must pass. */
export function failuresByStage(summary: RunSummary): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of summary.failures) (out[f.stage] ??= []).push(f.failureClass);
  return out;
}
