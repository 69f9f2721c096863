import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { within } from './deadline';

/** `npm run platform` (platform/main.ts) as the suite's webServer runs it, on ephemeral ports. */

export const READY = /^netra reference platform ready frontend=(\S+) auth=(\S+) backend=(\S+) ws=(\S+) faults=(\S+) variants=(\S+)$/;

export interface Launched {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function launch(env: Record<string, string>, args: string[] = []): Launched {
  const child = spawn(process.execPath, ['--import', 'tsx', 'platform/main.ts', ...args], {
    cwd: path.resolve(__dirname, '../../..'),
    env: { ...process.env, FRONTEND_PORT: '0', AUTH_PORT: '0', BACKEND_PORT: '0', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

export function exitWithin(launched: Launched, ms: number): Promise<number | null> {
  return within(launched.exited, ms, () => `platform did not exit (stderr: ${launched.stderr()})`);
}

/** The URLs of the ready line, once it is printed. */
export async function readyUrls(launched: Launched, ms: number): Promise<{ frontend: string; auth: string; backend: string; ws: string }> {
  await within(
    (async () => {
      while (!READY.test(launched.stdout().trim())) await new Promise((resolve) => setTimeout(resolve, 20));
    })(),
    ms,
    () => `no ready line (stdout: ${launched.stdout()}, stderr: ${launched.stderr()})`,
  );
  const [, frontend, auth, backend, ws] = READY.exec(launched.stdout().trim())!;
  return { frontend: frontend!, auth: auth!, backend: backend!, ws: ws! };
}
