import type { DriftKind, DriftSighting } from '../contract/contract-shapes';
import { excerpt } from '../contract/excerpt';

/**
 * Contract drift, from sightings to the run's list: each test counts what it saw (in the
 * worker, masked as it is recorded), the main process joins the tests and marks what no earlier
 * run of the environment saw. Drift is a warning and never a failure: nothing here touches a
 * verdict.
 */
export const DRIFT_ATTACHMENT = 'contract-drift.json';

/** How long an example may be once masked. */
const EXAMPLE_CHARS = 300;

/** One shape a test saw, how often, and the first example. */
export interface DriftCount {
  kind: DriftKind;
  name: string;
  count: number;
  example: string;
}

/** One shape the run saw: where (stage › test), how often, an example, and whether it is new. */
export interface DriftEntry extends DriftCount {
  where: string[];
  new: boolean;
}

/** The key a shape is remembered by across runs (the history keeps these). */
export const driftKey = (d: { kind: DriftKind; name: string }): string => `${d.kind} ${d.name}`;

/** One test's sightings; `mask` hides secrets in the examples before they are cut and kept. */
export class DriftLog {
  private readonly counts = new Map<string, DriftCount>();

  constructor(private readonly mask: (text: string) => string) {}

  add(sightings: readonly DriftSighting[]): void {
    for (const s of sightings) {
      const key = driftKey(s);
      const seen = this.counts.get(key);
      if (seen) seen.count += 1;
      // Masked before it is cut: a secret cut in half would no longer look like one.
      else this.counts.set(key, { kind: s.kind, name: s.name, count: 1, example: excerpt(this.mask(s.example), EXAMPLE_CHARS) });
    }
  }

  get size(): number {
    return this.counts.size;
  }

  entries(): DriftCount[] {
    return [...this.counts.values()].sort(byKindAndName);
  }
}

/** The run's drift: every test's counts joined by shape; `earlier` holds the keys earlier runs saw. */
export function mergeDrift(tests: readonly { where: string; entries: readonly DriftCount[] }[], earlier: ReadonlySet<string>): DriftEntry[] {
  const merged = new Map<string, DriftEntry>();
  for (const { where, entries } of tests) {
    for (const e of entries) {
      const key = driftKey(e);
      const entry = merged.get(key) ?? { ...e, count: 0, where: [], new: !earlier.has(key) };
      entry.count += e.count;
      if (!entry.where.includes(where)) entry.where.push(where);
      merged.set(key, entry);
    }
  }
  return [...merged.values()].sort((a, b) => Number(b.new) - Number(a.new) || byKindAndName(a, b));
}

/** The verdict's one line about drift, or nothing when the platform sent only what the contract lists. */
export function driftHeadline(entries: readonly DriftEntry[]): string | undefined {
  if (entries.length === 0) return undefined;
  const fresh = entries.filter((e) => e.new).length;
  const shapes = entries.length === 1 ? '1 shape' : `${entries.length} shapes`;
  return `drift: ${shapes} the contract does not list${fresh ? ` (${fresh} new)` : ''}`;
}

function byKindAndName(a: DriftCount, b: DriftCount): number {
  return a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name);
}

/** The run's drift as a Markdown table: the report's global attachment, for whoever owns the contract. */
export function renderDriftTable(entries: readonly DriftEntry[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/`/g, "'");
  const rows = entries.map((e) => `| ${e.kind} | \`${cell(e.name)}\` | ${e.new ? 'new' : 'seen before'} | ${e.count} | ${cell(e.where.join('; '))} | \`${cell(e.example)}\` |`);
  return [
    `${driftHeadline(entries) ?? 'drift: none'}. A warning, never a failure: a reader ignores what the contract does not list (contract section 4.1).`,
    '',
    '| kind | name | | times | where | example |',
    '|---|---|---|---:|---|---|',
    ...rows,
  ].join('\n') + '\n';
}
