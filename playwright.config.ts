import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { declaredGoldenTests } from './src/verdict/golden-manifest';
import { ENVIRONMENTS, loadEnvironment, type GoldenConfig } from './src/config/environment';
import { resolveBrowser } from './src/browser/resolve-browser';
import { defaultGoldenWorkers } from './src/config/runner-defaults';
import { selectedEnvironment } from './src/config/selected-environment';
import { allureResultsDir, blobReportDir, shardOf } from './src/report/allure-run-info';

/**
 * The golden path. One Playwright project per environment (`--project=local|staging|production`);
 * the chosen environment is read and validated here, once, before any test: a bad value stops
 * the run with [CONFIG_INVALID]. Only `local` starts the reference platform.
 */
const environment = selectedEnvironment(process.argv, process.env);
const config: GoldenConfig | undefined = environment ? loadEnvironment(environment, { rootDir: import.meta.dirname }) : undefined;
const browser = resolveBrowser();
const ci = !!process.env.CI;
// A shard writes its own Allure sub-folder and a blob report; `npm run report` merges them.
const shard = shardOf(process.argv);
const allureResults = allureResultsDir(process.env, shard);
const blobDir = shard || process.env.PW_BLOB_DIR ? blobReportDir(process.env, shard) : undefined;
// A whole run in the usual folder adds its point to the trend; shards and self-test runs do not.
const runHistoryPath = shard ? undefined : (process.env.ALLURE_HISTORY_PATH ?? (process.env.ALLURE_RESULTS_DIR ? undefined : 'allure-history.jsonl'));

if (config && !process.env.TEST_WORKER_INDEX) {
  // Workers inherit the choice; the summary reporter and the worker fixtures read it back.
  process.env.GOLDEN_ENV = config.name;
  const { urls } = config;
  console.log(
    `golden path: ${config.name} · frontend ${urls.frontend} · auth ${urls.auth} · backend ${urls.backend} · socket ${urls.ws} · ` +
      `auth mode ${config.authMode} · browser ${browser.source === 'playwright' ? "Playwright's Chromium" : browser.executablePath} · ` +
      `${declaredGoldenTests(config.chatAllowed).length} golden tests declared`,
  );
}

/** Every step waits at most its hard budget; the test timeout only catches what slips through. */
const testTimeout = config ? Object.values(config.budgets).reduce((sum, b) => sum + b.hardMs, 0) + 30_000 : 300_000;

function localPlatform(c: GoldenConfig): PlaywrightTestConfig['webServer'] {
  const port = (url: string) => new URL(url).port;
  return {
    // Straight to node with tsx's loader: npx and tsx's own CLI process cost ~0.4 s before any test (npm run bench).
    command: 'node --import tsx platform/main.ts',
    port: Number(port(c.urls.frontend)),
    wait: { stdout: /netra reference platform ready/ },
    reuseExistingServer: !ci,
    timeout: 20_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 2_000 },
    env: { FRONTEND_PORT: port(c.urls.frontend), AUTH_PORT: port(c.urls.auth), BACKEND_PORT: port(c.urls.backend) },
  };
}

export default defineConfig({
  // GOLDEN_TEST_DIR exists for the suite's own guard tests (selftest/); the run guard still
  // demands every declared golden test, so pointing it elsewhere cannot produce a green run.
  testDir: process.env.GOLDEN_TEST_DIR ?? 'tests',
  // The golden tests start longest first (tests/golden-order.ts), not in alphabetical order.
  ...(process.env.GOLDEN_TEST_DIR ? {} : { testMatch: 'golden-order.ts' }),
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results',
  fullyParallel: true,
  forbidOnly: true,
  workers: Number(process.env.GOLDEN_WORKERS ?? defaultGoldenWorkers(config?.name)),
  retries: ci ? 1 : 0,
  // A golden path that needs a retry is not green (issue: retries that don't hide anything).
  failOnFlakyTests: ci,
  timeout: testTimeout,
  reporter: [
    // First: masks secrets in errors, steps, stdout, attachments and traces before any other
    // reporter copies them (reporters run in this order, on the same objects).
    ['./reporters/secret-redaction-reporter.ts', { blobDir }],
    ['list'],
    ['./reporters/golden-path-reporter.ts'],
    // Before allure-playwright: empties the results folder, then adds environment and CI info.
    ['./reporters/allure-run-info-reporter.ts', { resultsDir: allureResults, historyPath: runHistoryPath }],
    ['allure-playwright', { resultsDir: allureResults, detail: true, suiteTitle: false }],
    // A shard also leaves a blob report: `npm run merge` makes one verdict of all shards.
    ...(blobDir ? [['blob', { outputDir: blobDir }] as const] : []),
    // `npm run bench` only: where the wall time goes (runner, workers, browser, platform).
    ...(process.env.GOLDEN_TIMINGS ? [['./reporters/stage-timing-reporter.ts', { outputFile: process.env.GOLDEN_TIMINGS }] as const] : []),
  ],
  use: {
    baseURL: config?.urls.frontend,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: browser.executablePath, args: browser.args },
  },
  webServer: config?.name === 'local' && process.env.START_PLATFORM !== '0' ? localPlatform(config) : undefined,
  projects: ENVIRONMENTS.map((name) => ({
    name,
    // Production is read-only unless ALLOW_PRODUCTION_CHAT=1: no threads, no model tokens.
    grepInvert: config?.name === name && !config.chatAllowed ? /@writes/ : undefined,
  })),
});
