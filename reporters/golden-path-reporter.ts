import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { loadEnvironment, type GoldenConfig } from '../src/config/environment';
import { redactText, registerSecretsFromEnv } from '../src/report/redact';
import { renderSummary, summariseRun, type SummaryInput, type TestOutcome, type TestReport } from '../src/verdict/run-summary';
import type { StepRecord } from '../src/verdict/step-guard';
import { PLATFORM_VERSION, WARNING } from '../src/verdict/annotations';
import { STEP_RECORDS_ATTACHMENT } from '../src/verdict/timing-table';
import { LATENCY_ATTACHMENT, type LatencySummary } from '../src/verdict/latency-percentiles';

/**
 * The verdict people read first: a per-stage summary in the terminal and as JSON, plus the run
 * guard. Playwright swallows reporter exceptions, so a red verdict is returned from `onEnd`
 * as a failed status, never thrown.
 */
export default class GoldenPathReporter implements Reporter {
  private config: GoldenConfig | undefined;
  private outputDir = 'test-results';
  private startedAt = new Date();
  private tests: TestCase[] = [];
  private results = new Map<TestCase, TestResult>();
  private globalErrors: string[] = [];
  private failOnFlaky = false;
  private shard: SummaryInput['shard'];

  onBegin(config: FullConfig, suite: Suite): void {
    const name = process.env.GOLDEN_ENV ?? config.projects[0]?.name ?? 'local';
    this.config = loadEnvironment(name, { rootDir: path.dirname(config.configFile ?? path.resolve('playwright.config.ts')) });
    registerSecretsFromEnv(process.env, this.config.secrets);
    this.outputDir = config.projects[0]?.outputDir ?? this.outputDir;
    this.failOnFlaky = config.failOnFlakyTests;
    this.shard = config.shard ?? undefined;
    this.tests = suite.allTests();
    this.startedAt = new Date();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.results.set(test, result);
  }

  onError(error: TestError): void {
    this.globalErrors.push(redactText(firstLine(error.message ?? error.value ?? 'unknown error')));
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    if (!this.config) return undefined;
    const reports = this.tests.map((t) => this.report(t));
    const summary = summariseRun({
      environment: this.config.name,
      chatAllowed: this.config.chatAllowed,
      urls: this.config.urls,
      startedAt: this.startedAt,
      wallTimeMs: result.duration,
      tests: reports,
      failOnFlaky: this.failOnFlaky,
      globalErrors: this.globalErrors,
      runnerStatus: result.status,
      shard: this.shard,
    });
    mkdirSync(this.outputDir, { recursive: true });
    writeFileSync(path.join(this.outputDir, 'golden-path-summary.json'), redactText(JSON.stringify(summary, null, 2)));
    console.log(`\n${redactText(renderSummary(summary))}`);
    return summary.verdict === 'FAIL' && result.status === 'passed' ? { status: 'failed' } : undefined;
  }

  printsToStdio(): boolean {
    return true;
  }

  private report(test: TestCase): TestReport {
    const result = this.results.get(test);
    const outcome = test.outcome();
    const mapped: TestOutcome =
      outcome === 'expected' ? (result?.status === 'skipped' ? 'skipped' : 'passed') : outcome === 'flaky' ? 'flaky' : outcome === 'skipped' ? 'skipped' : 'failed';
    const attachment = result?.attachments.find((a) => a.name === STEP_RECORDS_ATTACHMENT && a.body);
    const steps = attachment?.body ? (JSON.parse(attachment.body.toString('utf8')) as StepRecord[]) : [];
    const latency = result?.attachments.find((a) => a.name === LATENCY_ATTACHMENT && a.body);
    const annotations = [...(result?.annotations ?? []), ...test.annotations];
    return {
      stage: path.basename(path.dirname(test.location.file)),
      title: test.title,
      outcome: mapped,
      durationMs: result?.duration ?? 0,
      retries: result?.retry ?? 0,
      error: result?.error?.message ? redactText(firstLine(result.error.message)) : undefined,
      steps,
      warnings: annotations.filter((a) => a.type === WARNING && a.description).map((a) => redactText(a.description as string)),
      versions: annotations.filter((a) => a.type === PLATFORM_VERSION && a.description).map((a) => a.description as string),
      latencies: latency?.body ? (JSON.parse(latency.body.toString('utf8')) as LatencySummary[]) : undefined,
    };
  }
}

function firstLine(message: string): string {
  // Playwright colours assertion messages; the summary and JSON are plain text.
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => l.trim().length > 0)?.trim() ?? plain;
  // "GoldenPathFailure: [X] …" → "[X] …": the class comes first, as contract section 8 asks.
  return line.replace(/^[A-Za-z]+:\s*(?=\[[A-Z_]+\])/, '');
}
