import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FullConfig, Reporter, Suite } from '@playwright/test/reporter';
import { environmentOf } from '../src/config/run-context';
import { allureResultsDir } from '../src/report/allure-run-info';
import { listsOnly, type ReporterModeOption } from './reporter-mode';

/**
 * Adds this run's point to the Allure history file (one line per run, so that two runs and
 * then `npm run report` show two points of the trend). It sits after allure-playwright in the
 * reporter list: its onEnd comes once every result is on disk, and hands the point to a worker
 * thread (reporters/allure-history-thread.mjs) that writes it while the HTML report is built;
 * its onExit waits for the answer. No point for `--list`, a shard (a part of a run), a run of no
 * golden environment, or a run with its own results folder (self-tests, CI jobs).
 */
export interface AllureHistoryOptions extends ReporterModeOption {
  /** ALLURE_RESULTS_DIR; else allure-results/ or a shard's sub-folder of it. */
  resultsOverride?: string;
  /** The history file; none when the run adds no point. */
  historyPath?: string;
}

export default class AllureHistoryReporter implements Reporter {
  private historyPath: string | undefined;
  private resultsDir = '';
  private rootDir = process.cwd();
  /** Started when the first test ends (onTestEnd). */
  private thread: HistoryThread | undefined;
  private written: Promise<void> | undefined;

  constructor(private readonly options: AllureHistoryOptions) {
    this.historyPath = options.historyPath;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.rootDir = path.dirname(config.configFile ?? path.resolve('playwright.config.ts'));
    this.resultsDir = path.resolve(this.rootDir, allureResultsDir(this.options.resultsOverride, config.shard ?? undefined));
    const golden = suite.suites.some((projectSuite) => environmentOf(projectSuite.project()?.metadata)?.urls);
    // `--list` runs nothing, so it has no point to add.
    if (config.shard || !golden || listsOnly(this.options)) this.historyPath = undefined;
  }

  onTestEnd(): void {
    // Allure's core takes some 0.7 s of CPU to load. Not at onBegin: the workers and the browser
    // are starting then, on every core. Once a test has ended, the start-up is over and the run
    // is mostly waiting on agent runs, so the load takes cores the tests leave idle.
    if (this.thread || !this.historyPath) return;
    this.thread = startHistoryThread();
  }

  onEnd(): void {
    if (!this.historyPath || !existsSync(this.resultsDir)) return;
    // Not awaited: the reporters after this one (the HTML report) run meanwhile.
    this.written = (this.thread ??= startHistoryThread()).write({
      rootDir: this.rootDir,
      resultsDir: this.resultsDir,
      historyPath: path.resolve(this.rootDir, this.historyPath),
    });
    this.written.catch(() => undefined);
  }

  async onExit(): Promise<void> {
    if (!this.written) {
      this.thread?.stop();
      return;
    }
    await this.written;
  }

  printsToStdio(): boolean {
    return false;
  }
}

const HISTORY_DEADLINE_MS = 60_000;

interface HistoryThread {
  /** Writes the point and ends the thread; rejects with what went wrong, or past its deadline. */
  write(job: { rootDir: string; resultsDir: string; historyPath: string }): Promise<void>;
  stop(): void;
}

/** reporters/allure-history-thread.mjs in a worker thread that never holds the process open. */
function startHistoryThread(): HistoryThread {
  const worker = new Worker(path.join(__dirname, 'allure-history-thread.mjs'));
  worker.unref();
  const ended = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the Allure history thread exited with code ${code} before it wrote the point`)));
  });
  ended.catch(() => undefined);
  return {
    async write(job) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the Allure history point was not written within ${HISTORY_DEADLINE_MS} ms`)), HISTORY_DEADLINE_MS);
      });
      const answered = new Promise<void>((resolve, reject) =>
        worker.once('message', (m: { ok: boolean; message?: string }) => (m.ok ? resolve() : reject(new Error(`the Allure history point: ${m.message}`)))),
      );
      // Held open while it writes; unref'd until then, so an interrupted run never waits for it.
      worker.ref();
      worker.postMessage(job);
      try {
        await Promise.race([answered, ended, late]);
      } finally {
        clearTimeout(timer);
        void worker.terminate();
      }
    },
    stop() {
      void worker.terminate();
    },
  };
}
