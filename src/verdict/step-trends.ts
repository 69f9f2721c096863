import type { HistoryPoint } from '../report/golden-history';
import { percentile } from './latency-percentiles';
import type { StepRecord } from './step-guard';

/**
 * Step trends across runs: each golden step against the same step in earlier runs of the same
 * environment and deployment. Slower than usual is a warning, never a failure: the budgets are
 * what fail a run (contract section 6), a trend only says which way it is going.
 */
export interface StepTrend {
  /** Earlier runs this step is compared with (at most `window`). */
  runs: number;
  medianMs: number | null;
  lastMs: number;
  /** lastMs ÷ medianMs. */
  ratio: number | null;
  regressed: boolean;
}

export interface TrendRules {
  /** Slower than this many times the median (TREND_REGRESSION_RATIO, default 1.5)… */
  ratio: number;
  /** …and at least this much slower: jitter of a few ms on a fast step is not a trend. */
  minSlowerMs: number;
  /** Fewer earlier runs than this say nothing yet. */
  minRuns: number;
  /** The median of the most recent runs only, so the norm follows the platform. */
  window: number;
}

export const DEFAULT_TREND_RULES: TrendRules = { ratio: 1.5, minSlowerMs: 50, minRuns: 5, window: 30 };

/** `<stage> › <step title>`: one step of the golden path, the same in every run. */
export const stepKey = (stage: string, title: string): string => `${stage} › ${title}`;

/**
 * The steps of this run that finished (passed or slow), by key. A failed step's duration is
 * how long it took to fail, not how long the step takes; a step that occurs twice in a stage
 * (`--repeat-each`) keeps its slowest.
 */
export function stepDurations(tests: readonly { stage: string; steps: readonly StepRecord[] }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tests) {
    for (const s of t.steps) {
      if (s.verdict === 'FAIL') continue;
      const key = stepKey(t.stage, s.title);
      out[key] = Math.max(out[key] ?? 0, Math.round(s.durationMs));
    }
  }
  return out;
}

/** Each step of this run against `earlier` (oldest first, already of the same environment and deployment). */
export function stepTrends(current: Readonly<Record<string, number>>, earlier: readonly HistoryPoint[], rules: TrendRules = DEFAULT_TREND_RULES): Record<string, StepTrend> {
  const out: Record<string, StepTrend> = {};
  for (const [key, lastMs] of Object.entries(current)) {
    const past = earlierDurations(key, earlier, rules.window);
    const medianMs = past.length ? median(past) : null;
    const ratio = medianMs ? round2(lastMs / medianMs) : null;
    const regressed = medianMs !== null && past.length >= rules.minRuns && lastMs > rules.ratio * medianMs && lastMs - medianMs >= rules.minSlowerMs;
    out[key] = { runs: past.length, medianMs: medianMs === null ? null : Math.round(medianMs), lastMs, ratio, regressed };
  }
  return out;
}

/** The step's durations in the most recent `window` earlier runs that have it, oldest first. */
export function earlierDurations(key: string, earlier: readonly HistoryPoint[], window: number): number[] {
  return earlier.flatMap((p) => (typeof p.steps[key] === 'number' ? [p.steps[key]] : [])).slice(-window);
}

/** The warning a regressed step gets: "slower than usual: socket › … took 2.4 s, usually 1.4 s (median of 12 runs)". */
export function trendWarning(key: string, trend: StepTrend): string {
  return `slower than usual: ${key} took ${duration(trend.lastMs)}, usually ${duration(trend.medianMs ?? 0)} (median of ${trend.runs} earlier runs)`;
}

/** 840 ms, 2.4 s, 12 s: a duration as people read it in a warning or on a chart. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
}

/** Nearest-rank, like every percentile the suite reports: a duration that was really measured. */
function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

const round2 = (n: number) => Math.round(n * 100) / 100;
