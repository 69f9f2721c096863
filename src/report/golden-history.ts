/**
 * The golden history: one line per whole run (`GOLDEN_HISTORY_PATH`, default
 * `golden-history.jsonl`), holding what the next runs compare against: each golden step's
 * duration and the contract drift the run saw. Pure functions over the file's text; the
 * reporter reads and writes the file. Nothing secret goes in: step titles, numbers and the
 * names of shapes, masked once more when the line is written.
 */
export const HISTORY_VERSION = 1;

/** Runs kept per environment and deployment: a season of nightlies, a few hundred KB. */
export const HISTORY_LIMIT = 200;

export interface HistoryPoint {
  v: typeof HISTORY_VERSION;
  environment: string;
  /** The deployment the run was aimed at (its backend URL): another one is another history. */
  target: string;
  startedAt: string;
  verdict: string;
  /** `<stage> › <step title>` → milliseconds, for the steps that finished (passed or slow). */
  steps: Record<string, number>;
  /** The drift keys the run saw (src/verdict/contract-drift.ts `driftKey`). */
  drift: string[];
}

/** The points of a history file; a line that is not a point of this version is skipped, never fatal. */
export function parseHistory(text: string | undefined): HistoryPoint[] {
  if (!text) return [];
  return text.split('\n').flatMap((line) => {
    if (!line.trim()) return [];
    try {
      const p = JSON.parse(line) as Partial<HistoryPoint>;
      const ok = p.v === HISTORY_VERSION && typeof p.environment === 'string' && typeof p.target === 'string' && isRecord(p.steps) && Array.isArray(p.drift);
      return ok ? [p as HistoryPoint] : [];
    } catch {
      return [];
    }
  });
}

/** The earlier runs of the same environment against the same deployment, oldest first. */
export function sameTarget(points: readonly HistoryPoint[], environment: string, target: string): HistoryPoint[] {
  return points.filter((p) => p.environment === environment && p.target === target);
}

/**
 * The file's text with `point` appended and each environment and deployment cut to its last
 * `limit` runs; `mask` hides anything secret that could have slipped into a line.
 */
export function withPoint(points: readonly HistoryPoint[], point: HistoryPoint, mask: (line: string) => string, limit = HISTORY_LIMIT): string {
  const all = [...points, point];
  const kept = new Map<string, number>();
  const keep = new Set<HistoryPoint>();
  for (let i = all.length - 1; i >= 0; i -= 1) {
    const p = all[i]!;
    const key = `${p.environment} ${p.target}`;
    const n = kept.get(key) ?? 0;
    if (n < limit) keep.add(p);
    kept.set(key, n + 1);
  }
  return all.filter((p) => keep.has(p)).map((p) => mask(JSON.stringify(p))).join('\n') + '\n';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
