import { readFileSync } from 'node:fs';

/**
 * CPU time the host took from this virtual machine ("steal", /proc/stat), as a share of all CPU
 * time over a stretch: on a shared VM the suite and its bare chain slow down unequally when the
 * host takes cores (the golden path uses about three times the chain's CPU), so a pair measured
 * while the host stole a third of the machine says more about the host than about the suite.
 */
export interface CpuTimes {
  /** All CPU time so far, in clock ticks (user to steal). */
  total: number;
  steal: number;
}

/** The machine-wide `cpu` line of /proc/stat; undefined when there is none. */
export function parseProcStat(text: string): CpuTimes | undefined {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) return undefined;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (ticks.length < 8 || ticks.some((t) => !Number.isFinite(t))) return undefined;
  return { total: ticks.reduce((a, b) => a + b, 0), steal: ticks[7] ?? 0 };
}

/** Where the kernel counts it (Linux); undefined elsewhere. */
export function readCpuTimes(): CpuTimes | undefined {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/** The share of CPU time stolen between two readings (0..1); undefined without both. */
export function stolenShare(before: CpuTimes | undefined, after: CpuTimes | undefined): number | undefined {
  if (!before || !after || after.total <= before.total) return undefined;
  return (after.steal - before.steal) / (after.total - before.total);
}
