/**
 * What Playwright tells every reporter about the command it serves, in the reporter's options:
 * 'test' for a run, 'list' for `--list` (nothing runs), 'merge' for merge-reports.
 */
export interface ReporterModeOption {
  _mode?: string;
}

/** `--list`: the tests are collected and printed, none runs, and nothing of a run's output may change. */
export const listsOnly = (options: ReporterModeOption | undefined): boolean => options?._mode === 'list';
