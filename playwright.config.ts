import { defineConfig, type PlaywrightTestProject, type ReporterDescription } from '@playwright/test';
import { ENVIRONMENTS, type EnvironmentName } from './src/config/environment';
import { environmentMetadata, runContext } from './src/config/run-context';
import { resolveBrowser } from './runner/resolve-browser';
import { REMOTE_GOLDEN_WORKERS, defaultGoldenWorkers } from './src/config/runner-defaults';

/**
 * The golden path. One Playwright project per environment, each carrying its environment in
 * its metadata; nothing here reads the command line, so every entry point (CLI, `--list`,
 * `--ui`, the VS Code extension, merge-reports) sees the same projects. `local` is the default
 * project: a plain `npx playwright test` runs local only; `staging` and `production` run when
 * named (`--project=staging`, or ticked in UI mode and VS Code). Several at once are supported,
 * with one verdict per environment.
 *
 * The run context (environments, workers, folders) is resolved once per process and
 * validated; a selected environment that does not resolve stops the run in the global setup,
 * which is also the only place anything is started (`local`'s reference platform).
 */
const rootDir = __dirname;
const context = runContext(rootDir);
const browser = resolveBrowser();
const { output } = context;
/** Where the blob reporter writes before a shard's report is moved to its own folder. */
const blobWritten = output.blobDir ?? 'blob-report/.current';
// A shard's blob report goes to blob-report/shard-i-of-n/ (reporters/blob-folder-reporter.ts);
// `npm run merge` makes one verdict of all shards. A whole run writes none (run-context.ts).
const blob: ReporterDescription[] = output.blob
  ? [
      ['blob', { outputDir: blobWritten }],
      ['./reporters/blob-folder-reporter.ts', { explicitDir: output.blobDir, writtenDir: blobWritten }],
    ]
  : [];

function project(name: EnvironmentName): PlaywrightTestProject {
  const slot = context.environments[name];
  // Every step waits at most its hard budget; the test timeout only catches what slips through.
  const budgets = slot.config ? Object.values(slot.config.budgets) : [];
  return {
    name,
    default: name === 'local',
    metadata: environmentMetadata(slot),
    use: { baseURL: slot.config?.urls.frontend },
    timeout: budgets.length ? budgets.reduce((sum, b) => sum + b.hardMs, 0) + 30_000 : 300_000,
    // Locally CPU-bound (suite, Chromium and platform share the cores); against a deployment the
    // tests wait on the network and the model, so more of them wait at once (runner-defaults.ts).
    workers: context.workers ?? defaultGoldenWorkers(name),
  };
}

const reporter: ReporterDescription[] = [
  // Before Playwright queues the tests: the declared order (src/verdict/dispatch-order.ts).
  ['./reporters/dispatch-order-reporter.ts'],
  // First: a second net over what the workers already masked (fixtures/masked-artifacts.ts),
  // and the main process's own terminal.
  ['./reporters/secret-redaction-reporter.ts', { blobDir: output.blob ? blobWritten : undefined }],
  ['list'],
  // Before the Allure results too: it adds each test's steps across runs and its drift labels.
  ['./reporters/golden-path-reporter.ts', { ci: context.ci, allowPartial: context.allowPartial, historyPath: output.goldenHistoryPath, trendRatio: context.trendRatio }],
  // Before the Allure results: empties their folder, then adds environment and CI info.
  ['./reporters/allure-run-info-reporter.ts', { resultsOverride: output.allureResultsOverride }],
  ['./reporters/allure-results-reporter.ts', { resultsOverride: output.allureResultsOverride, detail: true, suiteTitle: false }],
  // After the results: the run's history point, written while the HTML report is built.
  ['./reporters/allure-history-reporter.ts', { resultsOverride: output.allureResultsOverride, historyPath: output.historyPath }],
  // `npx playwright show-report` after any run.
  ['html', { open: 'never', outputFolder: output.htmlDir }],
  ...blob,
  // `npm run bench` only: where the wall time goes (runner, workers, browser, platform).
  ...(output.timingsFile ? [['./reporters/stage-timing-reporter.ts', { outputFile: output.timingsFile }] as ReporterDescription] : []),
];

export default defineConfig({
  // GOLDEN_TEST_DIR exists for the suite's own guard tests (selftest/); the run guard still
  // demands every declared golden test, so pointing it elsewhere cannot produce a green run.
  testDir: output.testDir,
  outputDir: output.outputDir,
  fullyParallel: true,
  forbidOnly: true,
  // The total; each project limits its own share (above).
  workers: context.workers ?? REMOTE_GOLDEN_WORKERS,
  retries: context.ci ? 1 : 0,
  // A golden path that needs a retry is not green (retries hide nothing).
  failOnFlakyTests: context.ci,
  globalSetup: './runner/global-setup.ts',
  reporter,
  use: {
    headless: true,
    // Traces are recorded and masked by the suite itself (fixtures/masked-artifacts.ts): one that
    // Playwright records would hold tokens, whichever reporters run.
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: browser.executablePath, args: browser.args },
  },
  projects: ENVIRONMENTS.map(project),
});
