/**
 * Which part of a golden-path run a process is, from its command line (/proc/<pid>/cmdline), so
 * that the bench can say where a run's CPU went: on a machine with few cores the golden path
 * and its bare chain differ less in what they wait for than in how much CPU their parts need.
 * Pure; the sampler (proc-sampler.ts) reads the command lines.
 */
export const CPU_PARTS = ['runner', 'workers', 'browser', 'platform', 'npx', 'other'] as const;
export type CpuPart = (typeof CPU_PARTS)[number];
export type CpuByPart = Partial<Record<CpuPart, number>>;

/**
 * The part a command line belongs to. /proc separates its arguments with NUL, except where a
 * process retitled itself as one string (Chromium's helpers and npm do), so both count as
 * separators; a shell wrapper (Debian's `/usr/bin/chromium-headless-shell` is a script, a
 * webServer command runs under `sh -c`) counts as the program it runs.
 */
export function cpuPartOf(cmdline: string): CpuPart {
  const args = cmdline.split(/[\0\s]+/).filter(Boolean);
  const basename = (a: string) => a.split(/[\\/]/).pop() ?? '';
  const isShell = (a: string) => /^(ba|da)?sh$/.test(basename(a));
  const program = basename((isShell(args[0] ?? '') ? args.find((a, i) => i > 0 && !a.startsWith('-')) : args[0]) ?? '');
  const has = (re: RegExp) => args.some((a) => re.test(a));
  if (/^(chrom(e|ium)|headless[-_]shell)/i.test(program)) return 'browser';
  if (has(/playwright[\\/]lib[\\/]worker[\\/]workerProcessEntry\.js$/)) return 'workers';
  if (has(/^(.*[\\/])?platform[\\/]main\.ts$/)) return 'platform';
  if (has(/[\\/]\.bin[\\/]playwright$|playwright[\\/]cli\.js$/)) return 'runner';
  if (/^np[mx](-cli\.js)?$/.test(program) || (program === 'node' && /^np[mx](-cli\.js)?$/.test(basename(args[1] ?? '')))) return 'npx';
  return 'other';
}

/** CPU seconds per part, from each process's own total. */
export function sumByPart(processes: readonly { part: CpuPart; cpuSeconds: number }[]): CpuByPart {
  const out: CpuByPart = {};
  for (const p of processes) out[p.part] = (out[p.part] ?? 0) + p.cpuSeconds;
  return out;
}
