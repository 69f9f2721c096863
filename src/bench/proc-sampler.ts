import { readdirSync, readFileSync } from 'node:fs';
import { cpuPartOf, sumByPart, type CpuByPart, type CpuPart } from './cpu-parts';

/**
 * CPU and memory of a process and its descendants, read from /proc (Linux), so that the
 * suite's load mode and another load tool are measured by the same outside observer. The
 * parsers are pure; `ProcessTreeSampler` polls on an interval that the caller bounds.
 */
export interface ProcStat {
  pid: number;
  /** User and system CPU in clock ticks, the process's own (field 14 and 15 of /proc/<pid>/stat). */
  utime: number;
  stime: number;
}

/** Parses /proc/<pid>/stat; the command may hold spaces and parentheses, so fields count from the last ")". */
export function parseStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const pid = Number(text.slice(0, text.indexOf(' ')));
  const fields = text.slice(close + 2).trim().split(/\s+/);
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? { pid, utime, stime } : undefined;
}

/** VmRSS from /proc/<pid>/status, in kB. */
export function parseRssKb(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) : 0;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The pid and every living descendant. */
export function processTree(root: number): number[] {
  const seen: number[] = [];
  const queue = [root];
  while (queue.length > 0 && seen.length < 1_000) {
    const pid = queue.shift() as number;
    seen.push(pid);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const children = read(`/proc/${pid}/task/${tid}/children`) ?? '';
      for (const c of children.trim().split(/\s+/).filter(Boolean)) queue.push(Number(c));
    }
  }
  return seen;
}

export interface TreeUsage {
  /** Sum of VmRSS over the tree at the sample with the most, in MB. */
  peakRssMb: number;
  /** CPU seconds of the tree as last seen alive (processes that exited earlier are missed). */
  cpuSeconds: number;
  /** The same, split: user and system. */
  userSeconds: number;
  systemSeconds: number;
  /** The same, by the part of a golden-path run each process is (cpu-parts.ts). */
  byPart: CpuByPart;
  samples: number;
}

const TICKS_PER_SECOND = 100;

export class ProcessTreeSampler {
  private peakKb = 0;
  private cpuByPid = new Map<number, { utime: number; stime: number; part: CpuPart }>();
  private count = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly root: number) {}

  start(intervalMs = 100): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    let kb = 0;
    for (const pid of processTree(this.root)) {
      kb += parseRssKb(read(`/proc/${pid}/status`) ?? '');
      const stat = parseStat(read(`/proc/${pid}/stat`) ?? '');
      if (!stat) continue;
      // Read each time: a process first seen between fork and exec still shows its parent's; an
      // exited one not yet reaped shows none, and keeps what it was.
      const cmdline = read(`/proc/${pid}/cmdline`) ?? '';
      const part = cmdline ? cpuPartOf(cmdline) : (this.cpuByPid.get(pid)?.part ?? 'other');
      this.cpuByPid.set(pid, { utime: stat.utime, stime: stat.stime, part });
    }
    this.count += 1;
    this.peakKb = Math.max(this.peakKb, kb);
  }

  stop(): TreeUsage {
    clearInterval(this.timer);
    let user = 0;
    let system = 0;
    for (const t of this.cpuByPid.values()) {
      user += t.utime;
      system += t.stime;
    }
    const byPart = sumByPart([...this.cpuByPid.values()].map((t) => ({ part: t.part, cpuSeconds: (t.utime + t.stime) / TICKS_PER_SECOND })));
    return { peakRssMb: this.peakKb / 1024, cpuSeconds: (user + system) / TICKS_PER_SECOND, userSeconds: user / TICKS_PER_SECOND, systemSeconds: system / TICKS_PER_SECOND, byPart, samples: this.count };
  }
}
