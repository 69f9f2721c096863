/**
 * What `npm run report` reads before it builds the report: which environments the results
 * folders came from (their environment.properties), and whether the history already holds
 * these results. Pure functions over file contents.
 */

/** The `Environment=` values of the given environment.properties files, without repeats. */
export function environmentsOf(propertiesFiles: readonly (string | undefined)[]): string[] {
  const names = propertiesFiles.flatMap((text) => {
    const line = text?.split(/\r?\n/).find((l) => l.startsWith('Environment='));
    return line ? [line.slice('Environment='.length).trim()] : [];
  });
  return [...new Set(names.filter(Boolean))];
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
