import type { FullConfig } from '@playwright/test';
import { AllureReporter } from 'allure-playwright';
import { allureResultsDir } from '../src/report/allure-run-info';

/**
 * allure-playwright, writing where this run's results belong: `allure-results/`, a shard's
 * `allure-results/shard-i-of-n/`, or ALLURE_RESULTS_DIR. Which shard a run is only the runner
 * knows (`config.shard`), so the folder is chosen here, when the runner tells, rather than in
 * the config file.
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
}
