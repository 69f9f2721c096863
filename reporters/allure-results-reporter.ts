import type { FullConfig, Suite } from '@playwright/test/reporter';
import { AllureReporter } from 'allure-playwright';
import { allureResultsDir } from '../src/report/allure-run-info';
import { UnsyncedWriter } from '../src/report/allure-unsynced-writer';

/**
 * allure-playwright, writing where this run's results belong: `allure-results/`, a shard's
 * `allure-results/shard-i-of-n/`, or ALLURE_RESULTS_DIR. Which shard a run is only the runner
 * knows (`config.shard`), so the folder is chosen here, when the runner tells, rather than in
 * the config file. Results are written without allure-js's fsync (src/report/allure-unsynced-writer.ts).
 */
export type AllureResultsOptions = NonNullable<ConstructorParameters<typeof AllureReporter>[0]> & { resultsOverride?: string };

export default class AllureResultsReporter extends AllureReporter {
  private readonly resultsOverride: string | undefined;

  constructor({ resultsOverride, ...options }: AllureResultsOptions) {
    super(options);
    this.resultsOverride = resultsOverride;
  }

  override onConfigure(config: FullConfig): void {
    this.options = { ...this.options, resultsDir: allureResultsDir(this.resultsOverride, config.shard ?? undefined) };
    super.onConfigure(config);
  }

  override onBegin(suite: Suite): void {
    super.onBegin(suite);
    // allure-playwright makes its runtime, with allure-js's fsyncing writer, here; the runtime's
    // writer is a public field of allure-js's ReporterRuntime, the reporter's runtime is not.
    const runtime = (this as unknown as { allureRuntime?: { writer: unknown } }).allureRuntime;
    if (runtime && this.options.resultsDir) runtime.writer = new UnsyncedWriter(this.options.resultsDir);
  }
}
