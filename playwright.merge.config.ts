import { defineConfig } from '@playwright/test';
import { goldenHistoryPathFrom, trendRatioFrom } from './src/config/run-context';

/**
 * `npm run merge`: one verdict from the blob reports of every shard (`--shard=i/n` runs).
 * The shards' reporters already ran; this replays their events through the golden-path
 * reporter (the summary, the run guard over all shards together) and Playwright's HTML report.
 * The Allure results of the shards are merged by `npm run report` instead, from their folders.
 * Each test's environment is its project's metadata, carried in the blobs. The merge is the
 * whole run, so it is what adds the run's point to the golden history (GOLDEN_HISTORY_PATH).
 */
export default defineConfig({
  testDir: 'tests',
  // Where the merged golden-path-summary.json goes; scripts/merge-shards.ts reads its verdict.
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results',
  reporter: [
    ['./reporters/secret-redaction-reporter.ts'],
    ['list'],
    ['./reporters/golden-path-reporter.ts', { historyPath: goldenHistoryPathFrom(process.env), trendRatio: trendRatioFrom(process.env.TREND_REGRESSION_RATIO) }],
    ['html', { open: 'never', outputFolder: process.env.PW_HTML_REPORT_DIR ?? 'playwright-report' }],
  ],
});
