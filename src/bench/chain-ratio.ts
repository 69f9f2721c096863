import { median } from './bench-report';
import { CPU_PARTS, type CpuByPart } from './cpu-parts';
import type { GoldenSplit } from './golden-split';

/**
 * The golden path against its bare critical chain, run in pairs on the same machine one right
 * after the other (the order alternating), so that load from others falls on both alike; the
 * ratio of each pair is taken first and the median of ratios reported. Pure.
 *
 * Two targets, per mode: on the fast reference platform the golden path is compared with the
 * bare chain (runner, platform, browser, dev login, one chat); on a platform paced like a real
 * model the bound is the golden path's longest chain done bare: the bare chain's start-up and
 * teardown around the golden path's longest test (the reconnect test's two runs), since that
 * test alone takes longer than the bare chain's one chat. The run's own start-up + longest test
 * + teardown is reported beside it: it shows queueing inside the run, but hides start-up cost.
 */
export type ChainModeName = 'reference' | 'paced';

export interface ChainPair {
  index: number;
  order: 'golden first' | 'chain first';
  loadAvg1m: number;
  golden: GoldenSplit;
  goldenVerdict: string;
  chain: GoldenSplit;
  chainPassed: boolean;
  /** The share of the machine's CPU time the host took during each run (src/bench/cpu-steal.ts); undefined off Linux. */
  stolen?: { golden?: number; chain?: number };
  /** CPU seconds of each run's processes, by part; undefined off Linux. */
  cpu?: { golden: CpuByPart; chain: CpuByPart };
}

export interface ChainSummary {
  mode: ChainModeName;
  /** How the platform was paced, e.g. "PLATFORM_AGENT_STEP_MS=2000" or "PLATFORM_VARIANTS=real-pacing". */
  pacing: string;
  workers: string;
  pairs: ChainPair[];
  goldenMs: number;
  chainMs: number;
  /** Median over pairs of golden wall ÷ bare chain wall. */
  ratioToChain: number;
  /** Median over pairs of golden wall ÷ (the chain's wall, with the golden path's longest test in place of the chain's test). */
  ratioToLongestChain: number;
  /** Median over pairs of golden wall ÷ its own start-up + longest test + teardown, from the same run. */
  ratioToInRunChain: number;
  /** The figure the target applies to, and the target. */
  ratio: number;
  target: number;
  meets: boolean;
  /** Every pair green: a red run's time says nothing. */
  allGreen: boolean;
  loadAvg: { min: number; max: number };
  /** The least and most CPU the host took during any one run, as a share; undefined when not measured. */
  stolen?: { min: number; max: number };
  /** Median over pairs of each part's CPU seconds, and of the whole run's; undefined when not measured. */
  cpu?: { golden: CpuByPart & { total: number }; chain: CpuByPart & { total: number } };
}

const totalOf = (c: CpuByPart) => Object.values(c).reduce((a, b) => a + b, 0);

/** Per part, the median over runs of its CPU seconds (0 for a run without it); the total likewise. */
export function medianCpu(runs: readonly CpuByPart[]): CpuByPart & { total: number } {
  const out: CpuByPart & { total: number } = { total: median(runs.map(totalOf)) };
  for (const part of CPU_PARTS) if (runs.some((r) => r[part] !== undefined)) out[part] = median(runs.map((r) => r[part] ?? 0));
  return out;
}

/** "9.1 s (workers 3.9, browser 1.8, …)", the parts largest first. */
export function cpuLine(c: CpuByPart): string {
  const parts = CPU_PARTS.filter((p) => c[p] !== undefined).sort((a, b) => (c[b] ?? 0) - (c[a] ?? 0));
  return `${totalOf(c).toFixed(1)} s (${parts.map((p) => `${p} ${(c[p] ?? 0).toFixed(1)}`).join(', ')})`;
}

/** The golden path's longest test with the bare chain's start-up and teardown around it. */
export function longestChainBareMs(p: ChainPair): number {
  return p.chain.wallMs - p.chain.longestTest.durationMs + p.golden.longestTest.durationMs;
}

export const CHAIN_TARGETS: Record<ChainModeName, number> = { reference: 1.5, paced: 1.25 };

export function summarisePairs(mode: ChainModeName, pacing: string, workers: string, pairs: readonly ChainPair[]): ChainSummary {
  if (pairs.length === 0) throw new Error('no pairs measured');
  const ratioToChain = median(pairs.map((p) => p.golden.wallMs / p.chain.wallMs));
  const ratioToLongestChain = median(pairs.map((p) => p.golden.wallMs / longestChainBareMs(p)));
  const ratioToInRunChain = median(pairs.map((p) => p.golden.criticalChainRatio));
  const ratio = mode === 'reference' ? ratioToChain : ratioToLongestChain;
  const target = CHAIN_TARGETS[mode];
  const allGreen = pairs.every((p) => p.goldenVerdict === 'PASS' && p.chainPassed);
  const loads = pairs.map((p) => p.loadAvg1m);
  const stolen = pairs.flatMap((p) => [p.stolen?.golden, p.stolen?.chain]).filter((x): x is number => x !== undefined);
  const cpus = pairs.flatMap((p) => (p.cpu ? [p.cpu] : []));
  return {
    mode,
    pacing,
    workers,
    pairs: [...pairs],
    goldenMs: median(pairs.map((p) => p.golden.wallMs)),
    chainMs: median(pairs.map((p) => p.chain.wallMs)),
    ratioToChain,
    ratioToLongestChain,
    ratioToInRunChain,
    ratio,
    target,
    meets: allGreen && ratio <= target,
    allGreen,
    loadAvg: { min: Math.min(...loads), max: Math.max(...loads) },
    stolen: stolen.length ? { min: Math.min(...stolen), max: Math.max(...stolen) } : undefined,
    cpu: cpus.length ? { golden: medianCpu(cpus.map((c) => c.golden)), chain: medianCpu(cpus.map((c) => c.chain)) } : undefined,
  };
}

/** The pair whose golden ÷ chain ratio is the median: its parts are shown as "where the time goes". */
export function medianPair(s: ChainSummary): ChainPair {
  const ratioOf = (p: ChainPair) => p.golden.wallMs / p.chain.wallMs;
  return s.pairs.reduce((best, p) => (Math.abs(ratioOf(p) - s.ratioToChain) < Math.abs(ratioOf(best) - s.ratioToChain) ? p : best));
}

const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const r2 = (x: number) => `${x.toFixed(2)}×`;
/** A ratio beside its target: with as many decimals as it takes to show which side it is on (1.5005× misses 1.5×). */
export function vsTarget(x: number, target: number): string {
  let digits = 2;
  while (digits < 6 && x > target && Number(x.toFixed(digits)) <= target) digits += 1;
  return `${x.toFixed(digits)}×`;
}
const pct = (share: number | undefined) => (share === undefined ? '–' : `${Math.round(share * 100)} %`);

function partsRow(what: string, x: GoldenSplit): string {
  return `| ${what} | ${s1(x.wallMs)} | ${s1(x.runnerStartupMs)} | ${s1(x.workersStartMs)} | ${s1(x.browserStartMs)} ×${x.browserLaunches} | ${s1(x.testsSpanMs)} | ${s1(x.longestTest.durationMs)} (${x.longestTest.stage}) | ${s1(x.teardownMs)} |`;
}

export function renderChain(summaries: readonly ChainSummary[]): string {
  const out = [
    '### Golden path ÷ its critical chain (paired runs, median of ratios)',
    '',
    '| platform | workers | pairs | golden wall | bare chain wall | golden ÷ bare chain | golden ÷ its longest chain done bare | golden ÷ its own start-up + longest test + teardown | target | met | load avg (1 min) | CPU the host took |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---|---|---|',
  ];
  for (const s of summaries) {
    const which = s.mode === 'reference' ? 'bare chain' : 'longest chain done bare';
    // The figure the target applies to shows which side of it it is on (summarisePairs' choice).
    const [toChain, toLongest] = s.mode === 'reference' ? [vsTarget(s.ratioToChain, s.target), r2(s.ratioToLongestChain)] : [r2(s.ratioToChain), vsTarget(s.ratioToLongestChain, s.target)];
    out.push(
      `| ${s.mode === 'reference' ? 'reference' : `paced (${s.pacing})`} | ${s.workers} | ${s.pairs.length} | ${s1(s.goldenMs)} | ${s1(s.chainMs)} | ${toChain} | ${toLongest} | ${r2(s.ratioToInRunChain)} | ≤ ${s.target}× the ${which} | ${s.meets ? 'yes' : s.allGreen ? '**no**' : '**no** (a run was red)'} | ${s.loadAvg.min.toFixed(1)}–${s.loadAvg.max.toFixed(1)} | ${s.stolen ? `${pct(s.stolen.min)}–${pct(s.stolen.max)}` : '–'} |`,
    );
  }
  out.push('', 'Where the time goes, in the median pair of each platform:', '', '| run | wall | runner start-up | workers start | browser start | tests span | longest test | teardown |', '|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of summaries) {
    const p = medianPair(s);
    out.push(partsRow(`${s.mode}: golden path`, p.golden), partsRow(`${s.mode}: bare chain`, p.chain));
  }
  const measured = summaries.filter((s) => s.cpu);
  if (measured.length) {
    const parts = CPU_PARTS.filter((part) => measured.some((s) => s.cpu?.golden[part] !== undefined || s.cpu?.chain[part] !== undefined));
    out.push('', 'CPU by part, median over the pairs (seconds of CPU; the machine has as many per second of wall as it has cores):', '', `| run | total | ${parts.join(' | ')} |`, `|---|---:|${parts.map(() => '---:').join('|')}|`);
    const cpuRow = (what: string, c: CpuByPart & { total: number }) => `| ${what} | ${c.total.toFixed(1)} | ${parts.map((part) => (c[part] === undefined ? '–' : (c[part] ?? 0).toFixed(1))).join(' | ')} |`;
    for (const s of measured) if (s.cpu) out.push(cpuRow(`${s.mode}: golden path`, s.cpu.golden), cpuRow(`${s.mode}: bare chain`, s.cpu.chain));
  }
  const stolenIn = (p: ChainPair) => (p.stolen ? `, host took ${pct(p.stolen.golden)} / ${pct(p.stolen.chain)}` : '');
  out.push(
    '',
    ...summaries.map((s) => `${s.mode} pairs (golden / chain, load${s.stolen ? ', CPU the host took during each' : ''}): ${s.pairs.map((p) => `${s1(p.golden.wallMs)} / ${s1(p.chain.wallMs)} (${p.order}, ${p.loadAvg1m.toFixed(1)}${stolenIn(p)})`).join('; ')}.`),
    '',
  );
  return out.join('\n');
}
