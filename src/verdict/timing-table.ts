import type { StepRecord } from './step-guard';

/** The attachment that carries a test's step records, for Allure readers and the summary reporter. */
export const STEP_RECORDS_ATTACHMENT = 'golden-steps.json';

/** A small Markdown table people can compare across runs: step, duration, budgets, verdict. */
export function renderTimingTable(records: readonly StepRecord[]): string {
  const rows = records.map(
    (r) =>
      `| ${r.title} | ${Math.round(r.durationMs)} ms | ${r.softMs} ms | ${r.hardMs} ms | ${r.floorMs} ms | ${r.verdict}${r.failureClass ? ` (${r.failureClass})` : ''} |`,
  );
  return ['| step | duration | soft | hard | floor | verdict |', '|---|---:|---:|---:|---:|---|', ...rows].join('\n') + '\n';
}
