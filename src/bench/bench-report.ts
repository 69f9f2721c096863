import { USER_STEPS } from '../load/golden-user';
import type { LoadReport } from '../load/load-report';
import { percentile, type LatencySummary } from '../verdict/latency-percentiles';
import type { GoldenSplit } from './golden-split';

/**
 * The benchmark's results as data and as the Markdown of bench-results/bench-<timestamp>.md,
 * from which docs/benchmarks.md takes its figures. Pure.
 */
export interface GoldenMeasure {
  label: string;
  workers: number;
  cold: boolean;
  exitCode: number | null;
  verdict: string;
  loadAvg1m: number;
  split: GoldenSplit;
}

export type Quant = Pick<LatencySummary, 'p50' | 'p95' | 'max'>;

/** One load tool's run, measured from outside the same way for both tools. */
export interface ToolRun {
  tool: string;
  users: number;
  succeeded: number;
  failed: number;
  /** The backend's own peak of open sockets during the run (/ws/health). */
  serverPeakSockets: number;
  welcome?: Quant;
  firstEvent?: Quant;
  completed?: Quant;
  stampToHandled?: Quant;
  frameToVerdict?: Quant;
  wallS: number;
  cpuS: number;
  cpuPercentOfOneCore: number;
  peakRssMb: number;
  errors: Record<string, number>;
  loadAvg1m: number;
}

export interface LadderRung {
  users: number;
  rampS: number;
  pass: boolean;
  why: string;
  report: LoadReport;
  tool: ToolRun;
}

export interface BenchResults {
  meta: { startedAt: string; node: string; cpus: string; cores: number; memoryGb: number; commit: string; notes: string[] };
  golden?: {
    cold: GoldenMeasure;
    warm: GoldenMeasure[];
    sweep: GoldenMeasure[];
    /** `npx playwright test --list`: CLI, config and collecting tests, without running anything. */
    listMs: number;
    /** The reference platform from spawn to its ready line, alone. */
    platformStartMs: number;
  };
  ladder?: { rungs: LadderRung[]; maxUsers: number; goalMs: number };
  sideBySide?: { users: number; rampS: number; ours: ToolRun; artillery: ToolRun; artilleryVersion: string }[];
}

const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const r2 = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
const q = (x: Quant | undefined, key: keyof Quant) => (x && Number.isFinite(x[key]) ? (x[key] < 10 ? x[key].toFixed(1) : Math.round(x[key]).toString()) : '–');

/** Nearest-rank, like every percentile the suite reports: a value that was really measured. */
export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** The warm run whose wall time is the median: its split is shown as "warm". */
export function medianRun(runs: readonly GoldenMeasure[]): GoldenMeasure | undefined {
  const m = median(runs.map((r) => r.split.wallMs));
  return runs.reduce<GoldenMeasure | undefined>((best, r) => (!best || Math.abs(r.split.wallMs - m) < Math.abs(best.split.wallMs - m) ? r : best), undefined);
}

function goldenRow(g: GoldenMeasure): string {
  const s = g.split;
  return `| ${g.label} | ${g.workers} | ${s1(s.wallMs)} | ${s1(s.runnerStartupMs)} | ${s1(s.workersStartMs)} | ${s1(s.browserStartMs)} ×${s.browserLaunches} | ${s1(s.platformAnswerMs)} | ${s1(s.teardownMs)} | ${s1(s.longestTest.durationMs)} (${s.longestTest.stage}) | ${r2(s.overheadRatio)} | ${r2(s.criticalPathRatio)} | ${r2(s.criticalChainRatio)} | ${g.verdict} | ${g.loadAvg1m.toFixed(1)} |`;
}

const GOLDEN_HEAD = [
  '| run | workers | wall | runner start-up (incl. platform) | workers start | browser start | waiting on the platform | teardown | longest test | wall ÷ platform | wall ÷ longest test | wall ÷ critical chain | verdict | load avg |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
];

function toolRow(t: ToolRun): string {
  return `| ${t.tool} | ${t.succeeded}/${t.users} | ${t.serverPeakSockets} | ${q(t.welcome, 'p50')} / ${q(t.welcome, 'p95')} | ${q(t.firstEvent, 'p50')} / ${q(t.firstEvent, 'p95')} | ${q(t.completed, 'p50')} / ${q(t.completed, 'p95')} / ${q(t.completed, 'max')} | ${q(t.stampToHandled, 'p50')} / ${q(t.stampToHandled, 'p95')} / ${q(t.stampToHandled, 'max')} | ${q(t.frameToVerdict, 'p95')} | ${t.cpuS.toFixed(1)} s (${t.cpuPercentOfOneCore.toFixed(0)} %) | ${Math.round(t.peakRssMb)} MB | ${Object.entries(t.errors).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'} | ${t.loadAvg1m.toFixed(1)} |`;
}

const TOOL_HEAD = [
  '| tool | users succeeded | sockets held (server peak) | connect → welcome p50 / p95 ms | sent → first event p50 / p95 ms | sent → agent_completed p50 / p95 / max ms | platform stamp → verdict p50 / p95 / max ms | frame → verdict p95 ms | CPU (of one core) | peak RSS | errors | load avg |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
];

export function renderBench(r: BenchResults): string {
  const out: string[] = [`## Benchmarks (${r.meta.startedAt.slice(0, 10)}, ${r.meta.cores} × ${r.meta.cpus}, ${r.meta.memoryGb} GB, Node ${r.meta.node}, commit ${r.meta.commit})`, ''];
  if (r.golden) {
    const warm = medianRun(r.golden.warm);
    out.push('### Golden path wall time against the reference platform', '', ...GOLDEN_HEAD, goldenRow(r.golden.cold));
    if (warm) out.push(goldenRow({ ...warm, label: `warm (median of ${r.golden.warm.length})` }));
    const byWorkers = new Map<number, GoldenMeasure[]>();
    for (const g of r.golden.sweep) byWorkers.set(g.workers, [...(byWorkers.get(g.workers) ?? []), g]);
    for (const [workers, runs] of byWorkers) {
      const m = medianRun(runs);
      if (m) out.push(goldenRow({ ...m, label: `warm, GOLDEN_WORKERS=${workers} (median of ${runs.length})` }));
    }
    out.push('');
    if (warm) out.push(`Warm wall times: ${r.golden.warm.map((g) => s1(g.split.wallMs)).join(', ')}; cold ÷ warm = ${r2(r.golden.cold.split.wallMs / warm.split.wallMs)}.`);
    for (const [workers, runs] of byWorkers) out.push(`With GOLDEN_WORKERS=${workers}: ${runs.map((g) => s1(g.split.wallMs)).join(', ')}.`);
    out.push(
      '',
      `Runner start-up runs from spawning \`npx playwright test\` to the first reporter call: the CLI, the config and collecting tests (alone, \`--list\`: ${s1(r.golden.listMs)}), then the reference platform's start, which webServer waits for (alone: ${s1(r.golden.platformStartMs)}). "Workers start" is the time from there to the first test: the worker processes. Waiting on the platform is the union of all golden steps on the wall clock; the critical chain is start-up before the first test + the longest test + teardown.`,
      '',
    );
  }
  if (r.ladder) {
    out.push(
      `### Concurrent users through the full socket flow (goal: client-side added latency p95 < ${r.ladder.goalMs} ms, 100 % success)`,
      '',
      '| users | ramp | result | success | sockets held (server peak) | frame → verdict p95 | event-loop delay p95 | added p95 bound | platform stamp → verdict p95 | sent → agent_completed p95 | CPU (of one core) | peak RSS | load avg |',
      '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const g of r.ladder.rungs) {
      const c = g.report.clientAdded;
      const run = g.report.steps.find((x) => x.measure === USER_STEPS.run.label);
      out.push(
        `| ${g.users} | ${g.rampS} s | ${g.pass ? 'pass' : `**fail**: ${g.why}`} | ${(g.report.successRate * 100).toFixed(1)} % | ${g.tool.serverPeakSockets} | ${c.frameToVerdict.p95.toFixed(2)} ms | ${c.eventLoopDelay.p95.toFixed(2)} ms | ${c.p95BoundMs.toFixed(2)} ms | ${q(c.serverStampToVerdict, 'p95')} ms | ${run ? Math.round(run.p95) : '–'} ms | ${g.tool.cpuS.toFixed(1)} s (${g.tool.cpuPercentOfOneCore.toFixed(0)} %) | ${Math.round(g.tool.peakRssMb)} MB | ${g.tool.loadAvg1m.toFixed(1)} |`,
      );
    }
    out.push('', `Most users held with the added-latency p95 under ${r.ladder.goalMs} ms and 100 % success: **${r.ladder.maxUsers}**.`, '');
  }
  for (const side of r.sideBySide ?? []) {
    const { ours, artillery } = side;
    out.push(
      `### Side by side: ${side.users} users over ${side.rampS} s, the same reference platform, this machine own driver vs the Artillery scenario (Artillery ${side.artilleryVersion})`,
      '',
      ...TOOL_HEAD,
      toolRow(ours),
      toolRow(artillery),
      '',
      `Ratios ours ÷ Artillery: CPU ${r2(ours.cpuS / artillery.cpuS)}, peak RSS ${r2(ours.peakRssMb / artillery.peakRssMb)}, sent → agent_completed p95 ${r2((ours.completed?.p95 ?? Number.NaN) / (artillery.completed?.p95 ?? Number.NaN))}.`,
      '',
    );
  }
  for (const n of r.meta.notes) out.push(`- ${n}`);
  return out.join('\n') + '\n';
}
