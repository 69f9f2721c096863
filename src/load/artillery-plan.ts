import type { Budgets } from '../config/budgets';
import type { LatencySummary } from '../verdict/latency-percentiles';
import { FRAME_METRICS, USER_STEPS } from './golden-user';
import type { LoadOptions } from './load-options';
import type { ClassCount } from './load-report';

/**
 * `npm run load -- --engine artillery`, as pure data: the load flags turned into Artillery's
 * own arrival phase and `ensure` checks (passed as `--overrides` and `--variables`), and
 * Artillery's `--output` JSON read back into the load report's rows. The scenario itself is
 * `artillery/golden-path.yml`; this module never copies its flow.
 */
export const ARTILLERY_VERSION = '2.0.34';
export const ARTILLERY_SCENARIO = 'artillery/golden-path.yml';

export interface EnsureChecks {
  thresholds: Record<string, number>[];
  conditions: { expression: string; strict?: boolean }[];
}

/**
 * The run fails when a user failed (every failure is a contract class) or the p95 of the run is
 * over the hard agent-run budget; over the soft one it only warns (`strict: false`), as a soft
 * budget does everywhere in the suite (contract section 6).
 */
export function ensureFor(budgets: Budgets): EnsureChecks {
  return {
    thresholds: [{ [`${USER_STEPS.run.metric}.p95`]: budgets.agentRun.hardMs }],
    conditions: [
      { expression: 'vusers.failed == 0 and vusers.completed == vusers.created' },
      { expression: `${USER_STEPS.run.metric}.p95 < ${budgets.agentRun.softMs}`, strict: false },
    ],
  };
}

/**
 * The own driver's schedule in Artillery's terms: `users` arrivals spread evenly over the ramp
 * (one `arrivalCount` phase), each user holding its socket for the ramp's length after its run,
 * so that, as with the own driver, every user is connected when the last one completes.
 */
export function artilleryArgs(options: LoadOptions, budgets: Budgets): { overrides: string; variables: string } {
  const phases = [{ name: 'ramp', duration: `${options.rampMs}ms`, arrivalCount: options.users }];
  return {
    overrides: JSON.stringify({ config: { phases, ensure: ensureFor(budgets) } }),
    variables: JSON.stringify({ hold: `${options.rampMs}ms` }),
  };
}

type Summary = { count?: number; p50?: number; median?: number; p95?: number; max?: number };
interface Aggregate {
  counters?: Record<string, number>;
  summaries?: Record<string, Summary>;
  firstMetricAt?: number;
  lastMetricAt?: number;
}

export interface ArtilleryOutcome {
  created: number;
  completed: number;
  failed: number;
  /** `errors.<CLASS>` counters; the example is the processor's first message of that class. */
  errors: ClassCount[];
  steps: LatencySummary[];
  frameToVerdict: LatencySummary;
  stampToVerdict: LatencySummary;
  /** Frames the checker judged (one frame_to_verdict sample each). */
  framesJudged: number;
  metricSpanMs: number;
}

const FIRST_EXAMPLE = /^golden: first ([A-Z_]+): (.*)$/gm;

/** Reads the aggregate of Artillery's `--output` JSON, with the examples the processor printed. */
export function readArtilleryReport(report: unknown, output = ''): ArtilleryOutcome {
  const aggregate = ((report as { aggregate?: unknown } | undefined)?.aggregate ?? {}) as Aggregate;
  const counters = aggregate.counters ?? {};
  const summaries = aggregate.summaries ?? {};
  const row = (metric: string, measure: string): LatencySummary => {
    const s = summaries[metric];
    return { measure, count: s?.count ?? 0, p50: s?.p50 ?? s?.median ?? Number.NaN, p95: s?.p95 ?? Number.NaN, max: s?.max ?? Number.NaN };
  };
  const examples = new Map<string, string>();
  for (const m of output.matchAll(FIRST_EXAMPLE)) if (!examples.has(m[1] as string)) examples.set(m[1] as string, `[${m[1]}] ${m[2]}`);
  const errors = Object.entries(counters)
    .filter(([k]) => k.startsWith('errors.'))
    .map(([k, count]) => ({ failureClass: k.slice('errors.'.length), count, example: examples.get(k.slice('errors.'.length)) ?? '' }))
    .sort((a, b) => b.count - a.count);
  const frameToVerdict = row(FRAME_METRICS.frameToVerdict.metric, FRAME_METRICS.frameToVerdict.label);
  return {
    created: counters['vusers.created'] ?? 0,
    completed: counters['vusers.completed'] ?? 0,
    failed: counters['vusers.failed'] ?? 0,
    errors,
    steps: Object.values(USER_STEPS)
      .map((s) => row(s.metric, s.label))
      .filter((s) => s.count > 0),
    frameToVerdict,
    stampToVerdict: row(FRAME_METRICS.stampToVerdict.metric, FRAME_METRICS.stampToVerdict.label),
    framesJudged: frameToVerdict.count,
    metricSpanMs: (aggregate.lastMetricAt ?? 0) - (aggregate.firstMetricAt ?? 0),
  };
}

/** Artillery's `ensure` verdict lines (`ok: …`, `fail: …`, `(optional)` for warnings). */
export function ensureResults(output: string): { passed: string[]; failed: string[]; warnings: string[] } {
  const passed: string[] = [];
  const failed: string[] = [];
  const warnings: string[] = [];
  for (const line of output.split('\n')) {
    const m = /^\s*(ok|fail): (.+?)\s*$/.exec(line.replace(/\u001b\[[0-9;]*m/g, ''));
    if (!m) continue;
    const check = m[2] as string;
    if (m[1] === 'ok') passed.push(check);
    else if (check.endsWith('(optional)')) warnings.push(check.replace(/\s*\(optional\)$/, ''));
    else failed.push(check);
  }
  return { passed, failed, warnings };
}
