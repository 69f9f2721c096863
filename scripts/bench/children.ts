import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { ProcessTreeSampler, type TreeUsage } from '../../src/bench/proc-sampler';

/**
 * The bench's child processes, each bounded in time: the reference platform on the bench's
 * own ports, a measured command under /usr/bin/time and a /proc sampler, and a poller of the
 * backend's open-socket count (the server's own view of how many users are held).
 */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  spawnAtMs: number;
  exitAtMs: number;
  timedOut: boolean;
  /** From /usr/bin/time: CPU of the command and every child it waited for. */
  cpu?: { userS: number; systemS: number; maxRssOfLargestMb: number };
  tree: TreeUsage;
}

const TIME_FORMAT = 'BENCH_TIME %e %U %S %M';
const KEEP = 200_000;

export function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; timed?: boolean }): Promise<Finished> {
  const [cmd, argv] = options.timed ? ['/usr/bin/time', ['-f', TIME_FORMAT, command, ...args]] : [command, [...args]];
  const spawnAtMs = Date.now();
  const child = spawn(cmd as string, argv as string[], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const sampler = new ProcessTreeSampler(child.pid ?? 0);
  sampler.start(100);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-KEEP)));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-KEEP)));
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
    }, options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const exitAtMs = Date.now();
      const tree = sampler.stop();
      const m = /BENCH_TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      const cpu = m ? { userS: Number(m[2]), systemS: Number(m[3]), maxRssOfLargestMb: Number(m[4]) / 1024 } : undefined;
      resolve({ code, stdout, stderr, wallMs: exitAtMs - spawnAtMs, spawnAtMs, exitAtMs, timedOut, cpu, tree });
    });
  });
}

export interface Ports {
  frontend: number;
  auth: number;
  backend: number;
}

export const urlsOf = (p: Ports) => ({
  FRONTEND_URL: `http://localhost:${p.frontend}`,
  AUTH_URL: `http://localhost:${p.auth}`,
  BACKEND_URL: `http://localhost:${p.backend}`,
  WS_URL: `ws://localhost:${p.backend}/ws`,
});

function portBusy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function assertPortsFree(p: Ports): Promise<void> {
  for (const port of [p.frontend, p.auth, p.backend]) {
    if (await portBusy(port)) throw new Error(`port ${port} is in use: the bench needs its own ports (set BENCH_PORT_BASE to move them)`);
  }
}

export interface PlatformChild {
  startMs: number;
  stop(): Promise<void>;
}

/** `npm run platform` on the bench's ports, as `node --import tsx` (no npx in the way). */
export async function startPlatform(root: string, ports: Ports, env: NodeJS.ProcessEnv = {}): Promise<PlatformChild> {
  await assertPortsFree(ports);
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'platform/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, FRONTEND_PORT: String(ports.frontend), AUTH_PORT: String(ports.auth), BACKEND_PORT: String(ports.backend) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let errors = '';
  child.stderr.on('data', (d: Buffer) => (errors = (errors + d.toString()).slice(-2_000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the reference platform did not print its ready line within 20 s: ${errors}`));
    }, 20_000);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('netra reference platform ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`the reference platform exited with ${code}: ${errors}`));
    });
  });
  return {
    startMs: Date.now() - started,
    async stop() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Polls `/ws/health` for `components.websocket_manager.active_connections`; returns the peak. */
export function pollOpenSockets(backendUrl: string, everyMs = 250): { stop(): number } {
  let peak = 0;
  let stopped = false;
  const tick = async () => {
    while (!stopped) {
      try {
        const res = await fetch(`${backendUrl}/ws/health`, { signal: AbortSignal.timeout(1_000) });
        const body = (await res.json()) as { components?: { websocket_manager?: { active_connections?: unknown } } };
        const n = body.components?.websocket_manager?.active_connections;
        if (typeof n === 'number') peak = Math.max(peak, n);
      } catch {
        /* a missed poll under load is a missed sample, not a failure */
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  };
  void tick();
  return {
    stop() {
      stopped = true;
      return peak;
    },
  };
}
