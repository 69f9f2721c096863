import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { ConfigInvalidError, type GoldenConfig } from '../src/config/environment';
import { redactText } from '../src/report/redact';

/**
 * The reference platform for `local`, started by the global setup only when a run selects
 * `local` (Playwright's `webServer` would start it for every project, staging's too). It is
 * reused when something already listens on the frontend port (outside CI), as `webServer`
 * did, and stopped by the returned function, which Playwright calls at global teardown, also
 * when a run is interrupted.
 */
const READY = /netra reference platform ready/;
const START_DEADLINE_MS = 20_000;
const STOP_DEADLINE_MS = 2_000;

export type StopPlatform = () => Promise<void>;

export async function startLocalPlatform(config: GoldenConfig, options: { rootDir: string; ci: boolean }): Promise<StopPlatform> {
  const port = (url: string) => new URL(url).port;
  const frontend = new URL(config.urls.frontend);
  if (await listening(frontend.hostname, Number(frontend.port))) {
    if (options.ci) {
      throw new ConfigInvalidError([`${config.urls.frontend} is already in use; under CI the reference platform is always started fresh`]);
    }
    console.log(`golden path: reusing the reference platform already listening on ${config.urls.frontend}`);
    return async () => undefined;
  }
  // Straight to node with tsx's loader: npx and tsx's own CLI cost ~0.4 s before any test.
  const child = spawn(process.execPath, ['--import', 'tsx', 'platform/main.ts'], {
    cwd: options.rootDir,
    env: { ...process.env, FRONTEND_PORT: port(config.urls.frontend), AUTH_PORT: port(config.urls.auth), BACKEND_PORT: port(config.urls.backend) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  // Shown as it comes, and its last line kept as the evidence of a start that failed.
  let said = '';
  child.stderr?.on('data', (d: Buffer) => {
    const text = redactText(d.toString('utf8'));
    said = (said + text).slice(-2_000);
    process.stderr.write(text);
  });
  const killOnExit = () => signal(child, 'SIGKILL');
  process.once('exit', killOnExit);
  try {
    await ready(child, () => said.trim().split('\n').pop()?.trim().slice(0, 300));
  } catch (error) {
    signal(child, 'SIGKILL');
    throw error;
  }
  return async () => {
    process.off('exit', killOnExit);
    await stop(child);
  };
}

/** A start that fails stops the run before any test, as a local environment that cannot be set up. */
function ready(child: ChildProcess, lastWords: () => string | undefined): Promise<void> {
  const refused = (what: string) => {
    const said = lastWords();
    return new ConfigInvalidError([`local: the reference platform ${what}${said ? `; it said: ${said}` : ''}`]);
  };
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(refused(`did not say it was ready within ${START_DEADLINE_MS} ms`)), START_DEADLINE_MS);
    child.stdout?.on('data', (d: Buffer) => {
      seen = (seen + d.toString('utf8')).slice(-4_000);
      if (READY.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(refused(`exited with code ${code} before it was ready`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(child, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_DEADLINE_MS)));
  if ((await Promise.race([exited, late])) === 'late') {
    signal(child, 'SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (!child.pid || child.exitCode !== null) return;
  try {
    // The whole process group: the platform and anything it started.
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, name);
  } catch {
    // already gone
  }
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
