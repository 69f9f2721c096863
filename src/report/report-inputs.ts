/**
 * What `npm run report` reads before it builds the report: which environments the results
 * folders came from (their environment.properties), and whether the history already holds
 * these results. Pure functions over file contents.
 */

/** The `Environment=` values of the given environment.properties files, without repeats. */
export function environmentsOf(propertiesFiles: readonly (string | undefined)[]): string[] {
  const names = propertiesFiles.flatMap((text) => (text ? parseProperties(text).filter(([k]) => k === 'Environment').map(([, v]) => v) : []));
  return [...new Set(names.filter(Boolean))];
}

/** Reads back what `toProperties` (allure-run-info.ts) writes: one `key=value` per line, escaped. */
export function parseProperties(text: string): [string, string][] {
  const unescape = (s: string) =>
    s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) =>
      c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c,
    );
  const entries: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || /^\s*[#!]/.test(line)) continue;
    const sep = line.search(/(?<!\\)=/);
    if (sep < 0) continue;
    entries.push([unescape(line.slice(0, sep)), unescape(line.slice(sep + 1))]);
  }
  return entries;
}

const LIST_KEYS = new Set(['Platform versions']);
const NOT_REPORTED = 'not reported';

/**
 * Allure keeps one environment.properties per report: the last folder read would win, and a
 * shard that ran no health test would hide the platform versions the other shard saw. The
 * merged panel keeps every distinct value of every key, in the order the folders were given.
 */
export function mergeEnvironments(propertiesFiles: readonly string[]): [string, string][] {
  const merged = new Map<string, string[]>();
  for (const text of propertiesFiles) {
    for (const [key, value] of parseProperties(text)) {
      const values = merged.get(key) ?? [];
      const parts = LIST_KEYS.has(key) ? value.split(', ') : [value];
      for (const part of parts) if (!values.includes(part)) values.push(part);
      merged.set(key, values);
    }
  }
  return [...merged].map(([key, values]) => {
    const known = values.length > 1 ? values.filter((v) => v !== NOT_REPORTED) : values;
    return [key, (LIST_KEYS.has(key) ? known.sort() : known).join(key === 'Shard' ? ' + ' : ', ')];
  });
}

/** A result as history and results files both describe it: the test's name and its start. */
export interface ResultKey {
  name: string;
  start: number;
}

/**
 * Whether the last point of an Allure history file (JSON lines) was made from these results
 * (a test with the same name and start time). Generating twice from one run (the folder
 * report, then the single file) then adds one point to the trends, not two.
 */
export function alreadyInHistory(historyJsonl: string | undefined, results: readonly ResultKey[]): boolean {
  const last = historyJsonl?.trim().split('\n').at(-1);
  if (!last || results.length === 0) return false;
  let point: { testResults?: Record<string, Partial<ResultKey>> };
  try {
    point = JSON.parse(last) as typeof point;
  } catch {
    return false;
  }
  const seen = new Set(Object.values(point.testResults ?? {}).map((r) => `${r.name}@${r.start}`));
  return results.some((r) => seen.has(`${r.name}@${r.start}`));
}

/** The history without its last point (JSON lines). */
export function withoutLastPoint(historyJsonl: string): string {
  const lines = historyJsonl.trim().split('\n');
  return lines.length > 1 ? `${lines.slice(0, -1).join('\n')}\n` : '';
}
