import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullProject, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { environmentOf, type EnvironmentMetadata } from '../src/config/run-context';
import { redactText } from '../src/report/redact';
import { renderSummary, summariseRun, type RunSummary, type TestOutcome, type TestReport } from '../src/verdict/run-summary';
import { runScope, type RunScope } from '../src/verdict/run-scope';
import type { StepRecord } from '../src/verdict/step-guard';
import { PLATFORM_VERSION, PRODUCTION_READ_ONLY, WARNING } from '../src/verdict/annotations';
import { STEP_RECORDS_ATTACHMENT } from '../src/verdict/timing-table';
import { LATENCY_ATTACHMENT, type LatencySummary } from '../src/verdict/latency-percentiles';
import { stageOfFile } from '../src/verdict/golden-manifest';
import { ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE } from 'allure-js-commons/sdk/reporter';
import { parseHistory, sameTarget, withPoint, type HistoryPoint } from '../src/report/golden-history';
import { RUN_DRIFT_FILE, RUN_TRENDS_FILE, TREND_CHART_ATTACHMENT, runHistoryChart, testHistoryAdditions } from '../src/report/allure-run-history';
import { DRIFT_ATTACHMENT, driftKey, renderDriftTable, type DriftCount } from '../src/verdict/contract-drift';
import { DEFAULT_TREND_RULES, type TrendRules } from '../src/verdict/step-trends';
import { renderTimeline, TIMELINES_ATTACHMENT, type NamedTimeline } from '../src/report/run-timeline';
import { listsOnly, type ReporterModeOption } from './reporter-mode';

/**
 * The verdict people read first: a per-stage summary per environment in the terminal and as
 * JSON, plus the run guard. Each test's environment is its project's (metadata), so several
 * environments in one run get one verdict each, and merge-reports reads them from the blobs.
 * Playwright swallows reporter exceptions, so a red verdict is returned from `onEnd` as a
 * failed status, never thrown.
 */
export interface GoldenPathReporterOptions extends ReporterModeOption {
  ci?: boolean;
  /** GOLDEN_ALLOW_PARTIAL=1: a partial run may exit 0 under CI too. */
  allowPartial?: boolean;
  /** The golden history (GOLDEN_HISTORY_PATH): read for trends and new drift; a whole run or a merge appends its point. */
  historyPath?: string;
  /** TREND_REGRESSION_RATIO. */
  trendRatio?: number;
}

interface EnvironmentRun {
  meta: EnvironmentMetadata;
  testDir: string;
  tests: TestCase[];
}

const ORDER: Record<TestOutcome, number> = { failed: 3, flaky: 2, skipped: 1, passed: 0 };

export default class GoldenPathReporter implements Reporter {
  private outputDir = 'test-results';
  private startedAt = new Date();
  private runs = new Map<string, EnvironmentRun>();
  private results = new Map<TestCase, TestResult>();
  private globalErrors: string[] = [];
  private failOnFlaky = false;
  private scope: RunScope = { kind: 'full' };
  private began = false;
  private history: HistoryPoint[] = [];
  private historyFile: string | undefined;
  private readonly rules: TrendRules;

  constructor(private readonly options: GoldenPathReporterOptions = {}) {
    this.rules = { ...DEFAULT_TREND_RULES, ratio: options.trendRatio ?? DEFAULT_TREND_RULES.ratio };
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.began = true;
    // The projects' folder, as `--output` leaves it.
    this.outputDir = config.projects[0]?.outputDir ?? this.outputDir;
    this.failOnFlaky = config.failOnFlakyTests;
    // The merge of all shards judges the whole: every declared test must be in some shard.
    this.scope = this.options._mode === 'merge' ? { kind: 'full' } : runScope(config.argv ?? [], config.shard);
    const add = (project: FullProject | undefined, tests: TestCase[]) => {
      const meta = environmentOf(project?.metadata);
      if (!project || !meta) return; // not a golden project
      const run = this.runs.get(meta.environment) ?? { meta, testDir: project.testDir, tests: [] };
      run.tests.push(...tests);
      this.runs.set(meta.environment, run);
    };
    // A selected environment whose tests never loaded (test.only, a load error) is a red run, not no run.
    for (const project of config.filteredProjects ?? []) add(project, []);
    for (const projectSuite of suite.suites) add(projectSuite.project(), projectSuite.allTests());
    this.startedAt = new Date();
    const rootDir = path.dirname(config.configFile ?? path.resolve('playwright.config.ts'));
    this.historyFile = this.options.historyPath ? path.resolve(rootDir, this.options.historyPath) : undefined;
    const file = this.historyFile;
    if (file && existsSync(file) && !listsOnly(this.options)) besideTheVerdict('reading the golden history', () => (this.history = parseHistory(readFileSync(file, 'utf8'))));
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.results.set(test, result);
    // A merge replays tests whose shards already drew their charts.
    if (this.options._mode !== 'merge') besideTheVerdict(`the history of "${test.title}"`, () => this.addHistoryToResult(test, result));
  }

  /**
   * The test's run timelines and its steps across runs as pictures, and its drift and
   * slower-than-usual steps as labels, added before allure-playwright (after this reporter in
   * the list) reads the result.
   */
  private addHistoryToResult(test: TestCase, result: TestResult): void {
    const meta = environmentOf(test.parent.project()?.metadata);
    if (!meta?.urls) return;
    const additions = testHistoryAdditions({
      stage: stageOfFile(test.location.file),
      title: test.title,
      steps: attachedJson<StepRecord[]>(result, STEP_RECORDS_ATTACHMENT) ?? [],
      drift: attachedJson<DriftCount[]>(result, DRIFT_ATTACHMENT) ?? [],
      earlier: this.earlierRuns(meta),
      rules: this.rules,
      scope: `${meta.environment} at ${meta.urls.backend}`,
    });
    // Drawn here rather than in the worker: an attachment made in a fixture's teardown is filed
    // under "After Hooks", one made by the main process stays on the test, beside its steps.
    for (const { name, timeline } of attachedJson<NamedTimeline[]>(result, TIMELINES_ATTACHMENT) ?? []) {
      result.attachments.push({ name, contentType: 'image/svg+xml', body: Buffer.from(redactText(renderTimeline(timeline))) });
    }
    if (additions.chart) result.attachments.push({ name: TREND_CHART_ATTACHMENT, contentType: 'image/svg+xml', body: Buffer.from(redactText(additions.chart)) });
    if (additions.labels.length) {
      const labels = additions.labels.map((l) => ({ name: l.name, value: redactText(l.value) }));
      result.attachments.push({ name: 'Allure Metadata (golden history)', contentType: ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE, body: Buffer.from(JSON.stringify({ type: 'metadata', data: { labels } })) });
    }
  }

  private earlierRuns(meta: EnvironmentMetadata): HistoryPoint[] {
    return sameTarget(this.history, meta.environment, meta.urls?.backend ?? '');
  }

  onError(error: TestError): void {
    this.globalErrors.push(redactText(firstLine(error.message ?? error.value ?? 'unknown error')));
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    if (!this.began || listsOnly(this.options)) return undefined;
    const summaries = [...this.runs.values()].map((run) => this.summarise(run, result));
    if (summaries.length === 0) return undefined;
    mkdirSync(this.outputDir, { recursive: true });
    const verdict = summaries.find((s) => s.verdict === 'FAIL')?.verdict ?? summaries[0]!.verdict;
    const json = summaries.length === 1 ? summaries[0] : { verdict, environments: summaries };
    writeFileSync(path.join(this.outputDir, 'golden-path-summary.json'), redactText(JSON.stringify(json, null, 2)));
    for (const s of summaries) console.log(`\n${redactText(renderSummary(s))}`);
    besideTheVerdict('the run\'s pictures', () => this.writeRunPictures(summaries));
    besideTheVerdict('the golden history', () => this.addHistoryPoints(summaries));
    const partialFails = summaries.some((s) => s.verdict === 'PARTIAL') && this.options.ci && !this.options.allowPartial;
    if (partialFails) console.log('✗ a partial run fails under CI (GOLDEN_ALLOW_PARTIAL=1 allows it)');
    const red = summaries.some((s) => s.verdict === 'FAIL' || (s.verdict === 'SHARD' && s.guard.length > 0)) || partialFails;
    return red && result.status === 'passed' ? { status: 'failed' } : undefined;
  }

  printsToStdio(): boolean {
    return true;
  }

  /**
   * The run's drift table and its steps across runs, beside the summary, one per environment
   * (the Allure run-info reporter, after this one, makes them the report's global attachments).
   * A file of an earlier run that this one has nothing for is removed, never left to mislead.
   */
  private writeRunPictures(summaries: readonly RunSummary[]): void {
    for (const s of summaries) {
      const meta = this.runs.get(s.environment)?.meta;
      const chart = meta && runHistoryChart(s.trends, this.earlierRuns(meta), this.rules, `${s.environment} at ${s.urls.backend ?? '?'}`);
      const files: [string, string | undefined][] = [
        [RUN_TRENDS_FILE(s.environment), chart],
        [RUN_DRIFT_FILE(s.environment), s.drift.length ? renderDriftTable(s.drift) : undefined],
      ];
      for (const [name, body] of files) {
        const file = path.join(this.outputDir, name);
        if (body) writeFileSync(file, redactText(body));
        else rmSync(file, { force: true });
      }
    }
  }

  /**
   * Each whole run (or the merge of its shards) adds one point per environment: its steps'
   * durations and the drift it saw. A shard, a partial run or one that ran nothing adds none.
   */
  private addHistoryPoints(summaries: readonly RunSummary[]): void {
    if (!this.historyFile) return;
    let points = this.history;
    let text: string | undefined;
    for (const s of summaries) {
      if (s.scope.kind !== 'full' || s.counts.ran === 0) continue;
      const point: HistoryPoint = {
        v: 1,
        environment: s.environment,
        target: s.urls.backend ?? '',
        startedAt: s.startedAt,
        verdict: s.verdict,
        steps: Object.fromEntries(Object.entries(s.trends).map(([key, t]) => [key, t.lastMs])),
        drift: s.drift.map(driftKey),
      };
      text = withPoint(points, point, redactText);
      points = [...points, point];
    }
    if (text === undefined) return;
    mkdirSync(path.dirname(this.historyFile), { recursive: true });
    // Written whole, then renamed: an interrupted write never leaves half a history.
    const temp = `${this.historyFile}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, this.historyFile);
  }

  private summarise(run: EnvironmentRun, result: FullResult): RunSummary {
    const refused: string[] = [];
    const byTitle = new Map<string, TestReport>();
    for (const test of run.tests) {
      const r = this.results.get(test);
      if (r?.status === 'skipped' && r.annotations.some((a) => a.type === PRODUCTION_READ_ONLY)) {
        refused.push(test.title);
        continue;
      }
      const report = this.report(test);
      const seen = byTitle.get(test.title);
      // `--repeat-each`: one golden test, several runs; the worst of them counts.
      if (!seen || ORDER[report.outcome] > ORDER[seen.outcome]) byTitle.set(test.title, report);
    }
    return summariseRun({
      earlier: this.earlierRuns(run.meta),
      trendRules: this.rules,
      environment: run.meta.environment,
      chatAllowed: run.meta.chatAllowed ?? false,
      urls: run.meta.urls ?? {},
      startedAt: this.startedAt,
      wallTimeMs: result.duration,
      tests: [...byTitle.values()],
      failOnFlaky: this.failOnFlaky,
      globalErrors: this.globalErrors,
      runnerStatus: result.status,
      scope: this.scope,
      stageFolder: (stage) => path.join(run.testDir, stage),
      refused: [...new Set(refused)],
    });
  }

  private report(test: TestCase): TestReport {
    const result = this.results.get(test);
    const outcome = test.outcome();
    const mapped: TestOutcome =
      outcome === 'expected' ? (result?.status === 'skipped' ? 'skipped' : 'passed') : outcome === 'flaky' ? 'flaky' : outcome === 'skipped' ? 'skipped' : 'failed';
    const steps = (result && attachedJson<StepRecord[]>(result, STEP_RECORDS_ATTACHMENT)) ?? [];
    const annotations = [...(result?.annotations ?? []), ...test.annotations];
    return {
      stage: stageOfFile(test.location.file),
      title: test.title,
      outcome: mapped,
      durationMs: result?.duration ?? 0,
      retries: result?.retry ?? 0,
      error: result?.error?.message ? redactText(firstLine(result.error.message)) : undefined,
      steps,
      warnings: annotations.filter((a) => a.type === WARNING && a.description).map((a) => redactText(a.description as string)),
      versions: annotations.filter((a) => a.type === PLATFORM_VERSION && a.description).map((a) => a.description as string),
      latencies: result && attachedJson<LatencySummary[]>(result, LATENCY_ATTACHMENT),
      drift: result && attachedJson<DriftCount[]>(result, DRIFT_ATTACHMENT),
    };
  }
}

/**
 * Trends, drift and pictures are warnings beside the verdict: one that cannot be made (a
 * history file that cannot be written, say) is said plainly and changes nothing of the
 * verdict, which is decided without it.
 */
function besideTheVerdict(what: string, make: () => void): void {
  try {
    make();
  } catch (error) {
    console.log(`! golden path: ${what} could not be made (${error instanceof Error ? error.message : String(error)}); the verdict is not affected`);
  }
}

/** A JSON attachment the worker made (step records, latencies, drift), parsed. */
function attachedJson<T>(result: TestResult, name: string): T | undefined {
  const body = result.attachments.find((a) => a.name === name && a.body)?.body;
  return body ? (JSON.parse(body.toString('utf8')) as T) : undefined;
}

function firstLine(message: string): string {
  // Playwright colours assertion messages; the summary and JSON are plain text.
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => l.trim().length > 0)?.trim() ?? plain;
  // "GoldenPathFailure: [X] …" → "[X] …": the class comes first, as contract section 8 asks.
  return line.replace(/^[A-Za-z]+:\s*(?=\[[A-Z_]+\])/, '');
}
