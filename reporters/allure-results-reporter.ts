import type { FullConfig, Suite } from '@playwright/test/reporter';
import { AllureReporter } from 'allure-playwright';
import { allureResultsDir } from '../src/report/allure-run-info';
import { UnsyncedWriter } from '../src/report/allure-unsynced-writer';
import { listsOnly, type ReporterModeOption } from './reporter-mode';

/**
 * allure-playwright, writing where this run's results belong: `allure-results/`, a shard's
 * `allure-results/shard-i-of-n/`, or ALLURE_RESULTS_DIR. Which shard a run is only the runner
 * knows (`config.shard`), so the folder is chosen here, when the runner tells, rather than in
 * the config file. Results are written without allure-js's fsync (src/report/allure-unsynced-writer.ts).
 */
export type AllureResultsOptions = NonNullable<ConstructorParameters<typeof AllureReporter>[0]> & ReporterModeOption & { resultsOverride?: string };

export default class AllureResultsReporter extends AllureReporter {
  private readonly resultsOverride: string | undefined;
  /** `--list` runs nothing: allure-playwright would write every listed test as skipped. */
  private readonly listing: boolean;

  constructor({ resultsOverride, ...options }: AllureResultsOptions) {
    super(options);
    this.resultsOverride = resultsOverride;
    this.listing = listsOnly(options);
  }

  override onConfigure(config: FullConfig): void {
    this.options = { ...this.options, resultsDir: allureResultsDir(this.resultsOverride, config.shard ?? undefined) };
    super.onConfigure(config);
  }

  override onBegin(suite: Suite): void {
    if (this.listing) return;
    super.onBegin(suite);
    // allure-playwright makes its runtime, with allure-js's fsyncing writer, here; the runtime's
    // writer is a public field of allure-js's ReporterRuntime, the reporter's runtime is not.
    const runtime = (this as unknown as { allureRuntime?: { writer: unknown } }).allureRuntime;
    if (runtime && this.options.resultsDir) runtime.writer = new UnsyncedWriter(this.options.resultsDir);
  }

  override async onEnd(): Promise<void> {
    if (this.listing) return;
    await super.onEnd();
  }
}
