/**
 * `npm run report` / `npm run report:single`: the Allure Report 3 of the last golden run(s),
 * on Node alone (no Java). Reads allurerc.ts for the name, history file, categories, quality
 * gate and environments, and adds what `allure generate` leaves out:
 *
 * - several results folders at once (shards, environments): by default `allure-results/`
 *   and every sub-folder of it, or the folders given as arguments;
 * - the quality gate evaluated and shown in the report (the CLI only does that in
 *   `allure run`), and, with `--gate`, in the exit code;
 * - one history point per set of results: a whole golden run adds its own point when it
 *   ends (reporters/allure-history-reporter.ts); the report then reads the points before it
 *   and adds none. Results no run recorded (CI's merged shards) add their point here, once:
 *   generating twice (the folder and the single file) does not add a second one.
 *
 * Usage: tsx scripts/allure-report.ts [--gate] [--single-file] [--output <dir>] [--no-history] [results-dir…]
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  AllureReport,
  filterFailedQualityGateResults,
  readConfig,
  stringifyQualityGateResults,
} from '@allurereport/core';
import { DEFAULT_ALLURE_RESULTS, toProperties } from '../src/report/allure-run-info';
import { withoutAnalytics } from '../src/report/report-html';
import { alreadyInHistory, environmentsOf, mergeEnvironments, withoutLastPoint, type ResultKey } from '../src/report/report-inputs';

// Allure 3.18's quality gate calls Iterator.prototype.toArray, which arrived in Node 22; the
// suite supports Node 20. The same behaviour, only where it is missing.
const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([].values())) as { toArray?: () => unknown[] };
if (typeof iteratorPrototype.toArray !== 'function') {
  Object.defineProperty(iteratorPrototype, 'toArray', {
    value(this: Iterable<unknown>) {
      return Array.from(this);
    },
    configurable: true,
    writable: true,
  });
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    gate: { type: 'boolean', default: false },
    'single-file': { type: 'boolean', default: false },
    output: { type: 'string' },
    'no-history': { type: 'boolean', default: false },
  },
});

const rootDir = path.resolve(__dirname, '..');
process.chdir(rootDir);

function resultsDirectories(args: string[]): string[] {
  const hasFiles = (dir: string) => readdirSync(dir, { withFileTypes: true }).some((e) => e.isFile());
  if (args.length > 0) {
    const missing = args.filter((d) => !existsSync(d) || !statSync(d).isDirectory());
    if (missing.length) fail(`no such results folder: ${missing.join(', ')}`);
    return args.map((d) => path.resolve(d));
  }
  if (!existsSync(DEFAULT_ALLURE_RESULTS)) fail(`no ${DEFAULT_ALLURE_RESULTS}/ here: run the golden path first (npm run golden)`);
  const subfolders = readdirSync(DEFAULT_ALLURE_RESULTS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(DEFAULT_ALLURE_RESULTS, e.name));
  return [DEFAULT_ALLURE_RESULTS, ...subfolders].filter(hasFiles).map((d) => path.resolve(d));
}

function fail(message: string): never {
  console.error(`report: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const dirs = resultsDirectories(positionals);
  if (dirs.length === 0) fail('the results folders hold no results: run the golden path first (npm run golden)');

  // The report's name and quality gate depend on the environment the results came from.
  const propertiesFiles = dirs.flatMap((d) => readIfExists(path.join(d, 'environment.properties')) ?? []);
  const environments = environmentsOf(propertiesFiles);
  if (!process.env.GOLDEN_ENV && environments.length === 1) process.env.GOLDEN_ENV = environments[0];

  const singleFile = values['single-file'];
  // allurerc.ts reads this: the Awesome report as one self-contained HTML file.
  if (singleFile) process.env.ALLURE_SINGLE_FILE = '1';
  const config = await readConfig(rootDir, undefined, {
    output: values.output ?? (singleFile ? 'allure-report-single' : undefined),
  });
  if (values['no-history']) config.historyPath = undefined;
  // The known issues this report hit, beside the report (allurerc names the default folder only).
  if (config.resolutions) config.resolutions.knownIssuesPath = path.join(config.output, 'known-issues-matched.json');
  const history = config.historyPath ? readIfExists(config.historyPath) : undefined;
  const tempDirs: string[] = [];
  if (config.historyPath && history && alreadyInHistory(history, dirs.flatMap(resultKeys))) {
    // These results are the history's last point already: the trend reads the points before
    // it (a copy without the last line) and nothing is appended.
    const tempHistoryDir = mkdtempSync(path.join(tmpdir(), 'golden-history-'));
    tempDirs.push(tempHistoryDir);
    config.historyPath = path.join(tempHistoryDir, 'history.jsonl');
    writeFileSync(config.historyPath, withoutLastPoint(history));
    config.appendHistory = false;
  }

  // A fresh folder: an old report's files would otherwise stay beside the new one (stale
  // attachments), and Allure reads the old report's state and marks every test "new".
  emptyReportFolder(config.output);

  const started = performance.now();
  const report = new AllureReport(config);
  await report.start();
  for (const dir of dirs) await report.readDirectory(dir);
  if (propertiesFiles.length > 1) {
    // Read last, so it wins: one environment panel with what every shard saw.
    const mergedDir = mkdtempSync(path.join(tmpdir(), 'golden-environment-'));
    writeFileSync(path.join(mergedDir, 'environment.properties'), toProperties(mergeEnvironments(propertiesFiles)));
    await report.readDirectory(mergedDir);
    tempDirs.push(mergedDir);
  }

  let gateFailed = false;
  if (report.hasQualityGate) {
    const trs = await report.store.allTestResults({ includeRetries: false });
    const { results } = await report.validate({ trs });
    // Sent before done(): the Awesome plugin writes the gate's verdict into the report.
    report.realtimeDispatcher.sendQualityGateResults(results);
    gateFailed = filterFailedQualityGateResults(results).length > 0;
    if (gateFailed) console.error(stringifyQualityGateResults(results));
  }
  await report.done();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  const indexHtml = path.join(config.output, 'index.html');
  if (existsSync(indexHtml)) writeFileSync(indexHtml, withoutAnalytics(readFileSync(indexHtml, 'utf8')));

  const where = singleFile ? path.join(config.output, 'index.html') : config.output;
  console.log(
    `report: ${path.relative(rootDir, where) || where} from ${dirs.map((d) => path.relative(rootDir, d) || d).join(', ')} ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s · quality gate ${gateFailed ? 'FAILED' : 'passed'}` +
      (config.historyPath ? (config.appendHistory ? ` · history +1 point` : ' · history unchanged (these results are already in it)') : ''),
  );
  process.exitCode = values.gate && gateFailed ? 1 : 0;
}

void main();

function emptyReportFolder(dir: string): void {
  if (!existsSync(dir)) return;
  const entries = readdirSync(dir);
  const looksLikeReport = entries.length === 0 || entries.includes('index.html');
  if (!looksLikeReport || path.resolve(dir) === rootDir) fail(`${dir} is not a report folder; refusing to empty it`);
  rmSync(dir, { recursive: true, force: true });
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function resultKeys(dir: string): ResultKey[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as ResultKey);
}
