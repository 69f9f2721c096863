import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadEngine } from '../../src/load/load-options';
import type { LoadReport } from '../../src/load/load-report';
import { run, startPlatform, urlsOf, type PlatformChild, type Ports } from '../../scripts/bench/children';
import { freePort } from '../verdict/golden-run';

/**
 * `npm run load` as a user runs it, in a child process, against a reference platform of its
 * own on free loopback ports (faults switched on by PLATFORM_FAULTS), with a bypass key only
 * the test knows. Returns the exit code, the terminal and the report the command wrote.
 */
const ROOT = path.resolve(__dirname, '../..');

export interface LoadPlatform {
  ports: Ports;
  stop(): Promise<void>;
}

export async function loadPlatform(faults: string, bypassKey: string): Promise<LoadPlatform> {
  const [frontend, auth, backend] = await Promise.all([freePort(), freePort(), freePort()]);
  const ports = { frontend, auth, backend };
  const child: PlatformChild = await startPlatform(ROOT, ports, { PLATFORM_FAULTS: faults, PLATFORM_E2E_BYPASS_KEY: bypassKey });
  return { ports, stop: () => child.stop() };
}

export interface LoadRun {
  exitCode: number | null;
  output: string;
  report: LoadReport | undefined;
  reportFile: string;
}

export interface LoadRunOptions {
  engine: LoadEngine;
  users: number;
  ramp: string;
  platform: LoadPlatform;
  bypassKey: string;
  outDir: string;
  /** Budget tightenings (the process environment may only tighten, never loosen). */
  env?: Record<string, string>;
  deadlineMs: number;
}

export async function runLoad(o: LoadRunOptions): Promise<LoadRun> {
  const reportFile = path.join(o.outDir, `${o.engine}-${o.users}u-${randomBytes(3).toString('hex')}.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...urlsOf(o.platform.ports), E2E_BYPASS_KEY: o.bypassKey, FORCE_COLOR: '0', ...o.env };
  const args = ['--import', 'tsx', 'scripts/load.ts', '--engine', o.engine, '--users', String(o.users), '--ramp', o.ramp, '--env', 'local', '--out', reportFile];
  // A hung run is a failure of the suite, never a wait: the child is killed at its deadline.
  const done = await run(process.execPath, args, { cwd: ROOT, env, timeoutMs: o.deadlineMs });
  const exitCode = done.code;
  const output = `${done.stdout}\n${done.stderr}${done.timedOut ? `\n[selftest] killed after ${o.deadlineMs} ms` : ''}`;
  let report: LoadReport | undefined;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as LoadReport;
  } catch {
    report = undefined;
  }
  return { exitCode, output, report, reportFile };
}
