// The run's Allure history point, written in a worker thread of Playwright's main process
// (reporters/allure-history-reporter.ts). Allure's core is an ES module of some 0.7 s to load;
// loading it here, while the tests run, keeps that off the main thread and off the run's end.
// Plain JavaScript: a worker thread starts without Playwright's TypeScript loader.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

const core = import('@allurereport/core');
// Read when the point is asked for; an import that failed is reported then, never unhandled.
core.catch(() => undefined);

parentPort.once('message', async ({ rootDir, resultsDir, historyPath }) => {
  const output = mkdtempSync(path.join(tmpdir(), 'golden-history-point-'));
  try {
    const { AllureReport, readConfig } = await core;
    // The report's own config (environments, names) without its plugins: history only.
    const config = await readConfig(rootDir, undefined, {
      historyPath,
      plugins: {},
      output,
      resolutions: { knownIssuesPath: path.join(output, 'known-issues-matched.json') },
    });
    const report = new AllureReport(config);
    await report.start();
    await report.readDirectory(resultsDir);
    await report.done();
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
});
