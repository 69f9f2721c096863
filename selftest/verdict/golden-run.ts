import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunSummary } from '../../src/verdict/run-summary';

/**
 * Runs the real golden path (`playwright test --project=local`) in a child process against
 * its own reference platform on free loopback ports, with faults switched on, and reads back
 * what a user of the suite would: the exit code, the terminal and golden-path-summary.json.
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
  env?: Record<string, string>;
  args?: string[];
  /** Kills the child if it runs longer: a hung run is a failure of the suite, never a wait. */
  deadlineMs: number;
  /** Keep the run's folder (results, traces) for the caller to read, and to remove. */
  keep?: boolean;
  /** Run from this folder (reporters that write relative to the working directory land there). */
  cwd?: string;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

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

export async function runGolden(options: GoldenRunOptions): Promise<GoldenRun> {
  const [frontend, auth, backend] = await Promise.all([freePort(), freePort(), freePort()]);
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-run-'));
  const outputDir = path.join(dir, 'test-results');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FRONTEND_URL: `http://localhost:${frontend}`,
    AUTH_URL: `http://localhost:${auth}`,
    BACKEND_URL: `http://localhost:${backend}`,
    WS_URL: `ws://localhost:${backend}/ws`,
    PLATFORM_FAULTS: options.faults ?? '',
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
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/@playwright/test/cli.js'),
      'test',
      ...(options.cwd ? ['-c', path.join(ROOT, 'playwright.config.ts')] : []),
      '--project=local',
      `--output=${outputDir}`,
      '--retries=0',
      ...(options.args ?? []),
    ],
    { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exitCode = await new Promise<number>((resolve) => {
    const timer = setTimeout(() => {
      output += `\n[selftest] killed after ${options.deadlineMs} ms`;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, options.deadlineMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
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
