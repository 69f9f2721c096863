import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface PlatformUrls {
  auth: string;
  backend: string;
  ws: string;
}

export interface ResourceUse {
  peakRssMb: number;
  /** The kernel's own high-water mark (VmHWM), which also catches peaks between samples. */
  hwmRssMb: number;
  cpuSeconds: number;
}

const READY = /netra reference platform ready frontend=\S+ auth=(\S+) backend=(\S+) ws=(\S+)/;
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const mb = (kb: number): number => Math.round(kb / 102.4) / 10;

function statusKb(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

function cpuTicks(pid: number): number {
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * The platform as `npm run platform` runs it, but spawned as node itself (not through npm and
 * tsx's wrapper) so that the pid sampled is the process that serves the sockets.
 */
export class PlatformProcess {
  private peakKb = 0;
  private sampler: NodeJS.Timeout | undefined;
  private startTicks = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly urls: PlatformUrls,
  ) {}

  static async start(env: Record<string, string>, readyTimeoutMs = 15_000): Promise<PlatformProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'platform/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, FRONTEND_PORT: '0', AUTH_PORT: '0', BACKEND_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const urls = await new Promise<PlatformUrls>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`platform not ready within ${readyTimeoutMs} ms: ${err}`)), readyTimeoutMs);
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const match = READY.exec(out);
        if (!match) return;
        clearTimeout(timer);
        resolve({ auth: match[1]!, backend: match[2]!, ws: match[3]! });
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`platform exited with ${code} before ready: ${err}`));
      });
    });
    const platform = new PlatformProcess(child, urls);
    platform.startTicks = cpuTicks(child.pid!);
    return platform;
  }

  get pid(): number {
    return this.child.pid!;
  }

  startSampling(intervalMs = 50): void {
    this.sampler = setInterval(() => {
      this.peakKb = Math.max(this.peakKb, statusKb(this.pid, 'VmRSS'));
    }, intervalMs);
  }

  rssMb(): number {
    return mb(statusKb(this.pid, 'VmRSS'));
  }

  usage(): ResourceUse {
    const hwm = statusKb(this.pid, 'VmHWM');
    this.peakKb = Math.max(this.peakKb, statusKb(this.pid, 'VmRSS'));
    return {
      peakRssMb: mb(this.peakKb),
      hwmRssMb: mb(hwm),
      cpuSeconds: (cpuTicks(this.pid) - this.startTicks) / 100,
    };
  }

  async stop(timeoutMs = 10_000): Promise<number | null> {
    if (this.sampler) clearInterval(this.sampler);
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
}
