import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE } from 'allure-js-commons/sdk/reporter';
import type { FullConfig, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { browserLabel, launchedExecutable, resolveBrowser, type BrowserUse, type ResolvedBrowser } from '../runner/resolve-browser';
import { environmentOf, type EnvironmentMetadata } from '../src/config/run-context';
import {
  allureResultsDir,
  DEFAULT_ALLURE_RESULTS,
  environmentEntries,
  executorInfo,
  reportName,
  shardFolder,
  toProperties,
  type Shard,
} from '../src/report/allure-run-info';
import { declaredGoldenTests } from '../src/verdict/golden-manifest';
import { PLATFORM_VERSION } from '../src/verdict/annotations';
import { FAILURE_CLASSES_PAGE, failureClassesUrl, goldenMetadata } from '../src/report/allure-golden-metadata';
import { RUN_DRIFT_FILE, RUN_TRENDS_FILE } from '../src/report/allure-run-history';
import { listsOnly, type ReporterModeOption } from './reporter-mode';

/**
 * Tells the Allure report what run it shows: writes
 * `environment.properties` (environment, URLs, platform and browser versions, suite commit)
 * and, on CI, `executor.json` (build name and link) next to allure-playwright's results.
 *
 * Each result also gets its stage label (the tree in golden-path order) and, when it failed,
 * a link from its failure class to docs/failure-classes.md (src/report/allure-golden-metadata.ts), sent
 * to allure-playwright the way `allure.label()` sends metadata: as a runtime-message
 * attachment, read in its onTestEnd, which runs after this one.
 *
 * It also starts each run with an empty results folder, as Playwright does with its output
 * folder: Allure would otherwise read last night's results as retries of tonight's. It sits
 * before allure-playwright in the reporter list so the folder is emptied before anything is
 * written to it.
 */
export interface AllureRunInfoOptions extends ReporterModeOption {
  /** ALLURE_RESULTS_DIR; else allure-results/ or a shard's sub-folder of it. */
  resultsOverride?: string;
}

export default class AllureRunInfoReporter implements Reporter {
  private resultsDir = DEFAULT_ALLURE_RESULTS;
  private readonly resultsOverride: string | undefined;
  /** The environments of this run's projects (metadata: names, URLs, auth mode; no secret). */
  private environments: EnvironmentMetadata[] = [];
  private rootDir = process.cwd();
  private shard: Shard | undefined;
  private playwrightVersion: string | undefined;
  private versions: string[] = [];
  private classesPage = '';
  /** The suite's checkout, asked of git once (it answers in milliseconds). */
  private checkout: { commit?: string; remote?: string; dirty: boolean } | undefined;
  /** `chromium --version` starts the browser's binary: asked for at onBegin, read at onEnd. */
  private browserVersion: Promise<string | undefined> = Promise.resolve(undefined);
  private readonly browser = resolveBrowser();
  /** The running projects' browser options (`--headed` and `--debug` make them headed). */
  private browserUse: BrowserUse;

  /** `--list` runs nothing: the last run's results stay as they are. */
  private readonly listing: boolean;
  /** Where the golden-path reporter leaves the run's pictures (golden-path-trends.<env>.svg, golden-path-drift.<env>.md). */
  private outputDir = 'test-results';

  constructor(options: AllureRunInfoOptions) {
    this.resultsOverride = options.resultsOverride;
    this.listing = listsOnly(options);
  }

  onBegin(config: FullConfig, suite: Suite): void {
    if (this.listing) return;
    this.rootDir = path.dirname(config.configFile ?? path.resolve('playwright.config.ts'));
    const found = new Map<string, EnvironmentMetadata>();
    for (const projectSuite of suite.suites) {
      const m = environmentOf(projectSuite.project()?.metadata);
      if (m?.urls && !found.has(m.environment)) found.set(m.environment, m);
    }
    this.environments = [...found.values()];
    this.shard = config.shard ?? undefined;
    this.resultsDir = allureResultsDir(this.resultsOverride, this.shard);
    this.playwrightVersion = config.version;
    this.outputDir = config.projects[0]?.outputDir ?? this.outputDir;
    this.emptyResults();
    this.browserUse = suite.suites[0]?.project()?.use;
    if (this.environments.length > 0) this.browserVersion = versionOf(this.browser, this.browserUse);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const environment = environmentOf(test.parent.project()?.metadata)?.environment;
    const metadata = goldenMetadata({ title: test.title, file: test.location.file, status: result.status, errorMessage: result.error?.message, environment }, () => this.failureClassesUrl());
    if (metadata) {
      result.attachments.push({ name: 'Allure Metadata (golden path)', contentType: ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE, body: Buffer.from(JSON.stringify(metadata)) });
    }
    for (const a of [...result.annotations, ...test.annotations]) {
      if (a.type === PLATFORM_VERSION && a.description) this.versions.push(a.description);
    }
  }

  async onEnd(): Promise<void> {
    if (this.listing) return;
    const first = this.environments[0];
    if (!first?.urls) return;
    const names = this.environments.map((e) => e.environment).join(', ');
    mkdirSync(this.resultsDir, { recursive: true });
    const { browser } = this;
    const browserVersion = await this.browserVersion;
    const entries = environmentEntries({
      environment: names,
      urls: first.urls,
      authMode: first.authMode ?? 'unknown',
      platformVersions: this.versions,
      browser: browserLabel(browser, this.browserUse),
      browserVersion,
      playwrightVersion: this.playwrightVersion,
      suiteCommit: this.suiteCommit(),
      goldenTestsDeclared: this.environments.reduce((n, e) => n + declaredGoldenTests(e.chatAllowed ?? false).length, 0),
      shard: this.shard,
    });
    writeFileSync(path.join(this.resultsDir, 'environment.properties'), toProperties(entries));
    const executor = executorInfo(process.env, reportName(names));
    if (executor) writeFileSync(path.join(this.resultsDir, 'executor.json'), JSON.stringify(executor, null, 2));
    this.writeGlobalAttachments();
  }

  /**
   * The run's own pictures as the report's global attachments (Allure 3's "Global
   * Attachments" tab): the steps across runs and the contract drift, one of each per
   * environment, as the golden-path reporter (before this one) wrote them for this run.
   */
  private writeGlobalAttachments(): void {
    // A shard's pictures hold its own tests: the report of all shards shows each shard's.
    const part = this.shard ? ` (shard ${this.shard.current} of ${this.shard.total})` : '';
    const attachments = this.environments.flatMap(({ environment }) =>
      [
        { file: RUN_TRENDS_FILE(environment), name: `${environment}: step durations across runs${part}`, type: 'image/svg+xml', ext: 'svg' },
        { file: RUN_DRIFT_FILE(environment), name: `${environment}: contract drift${part}`, type: 'text/markdown', ext: 'md' },
      ].flatMap(({ file, name, type, ext }) => {
        const from = path.join(this.outputDir, file);
        if (!existsSync(from)) return [];
        const source = `${randomUUID()}-attachment.${ext}`;
        copyFileSync(from, path.join(this.resultsDir, source));
        return [{ name, source, type, timestamp: Date.now() }];
      }),
    );
    if (attachments.length) writeFileSync(path.join(this.resultsDir, `${randomUUID()}-globals.json`), JSON.stringify({ attachments, errors: [] }, null, 2));
  }

  printsToStdio(): boolean {
    return false;
  }

  /** Asked for on the first classified failure only: a green run never calls git for it. */
  private failureClassesUrl(): string {
    this.classesPage ||= failureClassesUrl({
      env: process.env,
      remote: this.git().remote,
      commit: this.git().commit,
      localPage: path.join(this.rootDir, FAILURE_CLASSES_PAGE),
    });
    return this.classesPage;
  }

  private git(): NonNullable<AllureRunInfoReporter['checkout']> {
    this.checkout ??= {
      commit: commandOutput('git', ['rev-parse', 'HEAD'], this.rootDir),
      remote: commandOutput('git', ['remote', 'get-url', 'origin'], this.rootDir),
      dirty: !!commandOutput('git', ['status', '--porcelain', '--untracked-files=no'], this.rootDir),
    };
    return this.checkout;
  }

  private suiteCommit(): string | undefined {
    const sha = (process.env.GITHUB_SHA ?? this.git().commit)?.slice(0, 12);
    if (!sha) return undefined;
    return this.git().dirty ? `${sha} (with uncommitted changes)` : sha;
  }

  /**
   * A whole run empties its folder (sub-folders of old shards included). A shard empties its
   * own sub-folder, old whole-run files beside it, and sub-folders of a different shard count:
   * what remains is this run's shards only, which `npm run report` merges.
   */
  private emptyResults(): void {
    const dir = path.resolve(this.rootDir, this.resultsDir);
    const shared = path.resolve(this.rootDir, DEFAULT_ALLURE_RESULTS);
    emptyFolder(dir, () => true);
    const shard = this.shard;
    if (!shard || path.dirname(dir) !== shared || path.basename(dir) !== shardFolder(shard)) return;
    emptyFolder(shared, (name, isDir) => !isDir || (/^shard-\d+-of-\d+$/.test(name) && !name.endsWith(`-of-${shard.total}`)));
  }
}

function emptyFolder(dir: string, remove: (name: string, isDir: boolean) => boolean): void {
  if (!existsSync(dir)) return;
  // A mistyped ALLURE_RESULTS_DIR (".", "..", the repository) must never empty a project.
  if (existsSync(path.join(dir, 'package.json')) || existsSync(path.join(dir, '.git')) || process.cwd().startsWith(`${dir}${path.sep}`)) {
    throw new Error(`[CONFIG_INVALID] ALLURE_RESULTS_DIR=${dir} is a project folder, not a results folder`);
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (remove(entry.name, entry.isDirectory())) rmSync(path.join(dir, entry.name), { recursive: true, force: true });
  }
}

/** The browser's own `--version` line, in the background; undefined when it cannot say. */
function versionOf(browser: ResolvedBrowser, use: BrowserUse): Promise<string | undefined> {
  const executable = launchedExecutable(browser, use) ?? chromium.executablePath();
  return new Promise((resolve) => {
    execFile(executable, ['--version'], { timeout: 5_000, encoding: 'utf8' }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
}

/** One line of a command's output, or undefined when it is missing or slow (never fails the run). */
function commandOutput(command: string, args: string[], cwd?: string): string | undefined {
  try {
    return execFileSync(command, args, { cwd, timeout: 5_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}
