/**
 * Latency across many users: p50, p95 and max per measure (a step of the flow). Pure, so the
 * multi-user test, the summary and the load mode all read the same numbers the same way.
 * Nearest-rank percentiles: every value reported was really measured, none is interpolated.
 */
export interface LatencySummary {
  measure: string;
  count: number;
  p50: number;
  p95: number;
  max: number;
}

/** The attachment that carries a test's latency rows, for Allure readers and the summary reporter. */
export const LATENCY_ATTACHMENT = 'latency-percentiles.json';

/** Nearest-rank percentile of ascending `sorted` values; `p` in [0, 100]. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0] as number;
  const rank = Math.min(sorted.length, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function summariseLatency(measure: string, values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return { measure, count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
}

/** One row per measure, in the order the measures were first seen. */
export function summariseLatencies(samples: ReadonlyMap<string, readonly number[]>): LatencySummary[] {
  return [...samples].filter(([, v]) => v.length > 0).map(([measure, values]) => summariseLatency(measure, values));
}

const ms = (v: number) => (Number.isNaN(v) ? '–' : v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);

/** A Markdown table people can compare across runs. */
export function renderLatencyTable(rows: readonly LatencySummary[]): string {
  const lines = rows.map((r) => `| ${r.measure} | ${r.count} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} |`);
  return ['| step | users | p50 | p95 | max |', '|---|---:|---:|---:|---:|', ...lines].join('\n') + '\n';
}

/** A collector of samples per measure, in insertion order. */
export class LatencySamples {
  private readonly samples = new Map<string, number[]>();

  add(measure: string, valueMs: number): void {
    if (!Number.isFinite(valueMs)) return;
    let list = this.samples.get(measure);
    if (!list) this.samples.set(measure, (list = []));
    list.push(valueMs);
  }

  get size(): number {
    return this.samples.size;
  }

  summary(): LatencySummary[] {
    return summariseLatencies(this.samples);
  }
}
