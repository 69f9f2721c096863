import { FAILURE_CLASSES, failureClassOf, withoutClass, type FailureClass } from '../contract/failure-classes';
import { declaredGoldenTests, STAGES, type GoldenTest } from './golden-manifest';
import type { HistoryPoint } from '../report/golden-history';
import { driftHeadline, mergeDrift, type DriftCount, type DriftEntry } from './contract-drift';
import type { LatencySummary } from './latency-percentiles';
import { describeNarrowing, narrowingSelects, type RunScope } from './run-scope';
import type { StepRecord, StepVerdict } from './step-guard';
import { DEFAULT_TREND_RULES, stepDurations, stepTrends, trendWarning, type StepTrend, type TrendRules } from './step-trends';

/**
 * The run's verdict, from data: what ran, how it ended, what each step measured. Pure, so the
 * reporter stays a thin adapter and unit tests can feed it recorded results. The run guard
 * (contract section 7) lives here too: skipped, missing or zero golden tests fail the run; a
 * run narrowed on purpose is PARTIAL, a shard is SHARD (its verdict is the merge's), and
 * neither is ever a pass.
 */
export type TestOutcome = 'passed' | 'failed' | 'flaky' | 'skipped';

export interface TestReport {
  stage: string;
  title: string;
  outcome: TestOutcome;
  durationMs: number;
  retries: number;
  /** First line of the final error, already redacted. */
  error?: string;
  steps: StepRecord[];
  warnings: string[];
  versions: string[];
  /** Per-step latency across users (the multi-user test): p50, p95, max. */
  latencies?: LatencySummary[];
  /** What the platform sent in this test that the contract does not list. */
  drift?: DriftCount[];
}

export interface GuardFinding {
  failureClass: FailureClass;
  detail: string;
}

export interface StageSummary {
  stage: string;
  verdict: StepVerdict;
  tests: TestReport[];
}

export type RunVerdict = 'PASS' | 'FAIL' | 'PARTIAL' | 'SHARD';

export interface RunSummary {
  environment: string;
  verdict: RunVerdict;
  /** full, partial (with what narrowed it) or shard i/n. */
  scope: { kind: RunScope['kind']; narrowedBy?: string; shard?: { current: number; total: number } };
  urls: Record<string, string>;
  versions: string[];
  startedAt: string;
  wallTimeMs: number;
  stages: StageSummary[];
  failures: { stage: string; test: string; failureClass: FailureClass | 'UNCLASSIFIED'; evidence: string; causes: string }[];
  warnings: string[];
  flaky: string[];
  guard: GuardFinding[];
  /** Writing tests the worker refused on read-only production (never a failure, never a pass). */
  refused: string[];
  counts: { declared: number; ran: number; passed: number; failed: number; flaky: number; skipped: number; refused: number };
  /** Everything the platform sent that the contract does not list (a warning, never a failure). */
  drift: DriftEntry[];
  /** `<stage> › <step title>` → this run's duration against earlier runs' (a warning when regressed, never a failure). */
  trends: Record<string, StepTrend>;
}

export interface SummaryInput {
  environment: string;
  chatAllowed: boolean;
  urls: Record<string, string>;
  startedAt: Date;
  wallTimeMs: number;
  tests: TestReport[];
  failOnFlaky: boolean;
  /** Errors outside any test (config, web server, worker crash). */
  globalErrors: string[];
  /** What the runner said at the end: 'interrupted' and 'timedout' are failures of their own. */
  runnerStatus: string;
  /**
   * Full (the default), narrowed on purpose, or one shard of several (`--shard=i/n`): the
   * other shards' tests are not missing here, and the merged report of all shards (`npm run
   * merge`) checks every test ran.
   */
  scope?: RunScope;
  /** Where a stage's specs live (the project's testDir + stage), for the narrowing rule. */
  stageFolder?: (stage: string) => string;
  /** Titles of the writing tests refused on read-only production. */
  refused?: string[];
  /** Earlier runs of this environment against the same deployment, oldest first (the golden history). */
  earlier?: readonly HistoryPoint[];
  trendRules?: TrendRules;
}

export function guardRun(input: SummaryInput): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const declared = declaredGoldenTests(input.chatAllowed);
  const byTitle = new Map(input.tests.map((t) => [t.title, t]));
  const finding = (detail: string) => findings.push({ failureClass: 'NOT_REALLY_EXECUTED', detail });
  const scope = input.scope ?? { kind: 'full' };
  // Stopped before its first test (a refused config, a platform that did not start): that error
  // is the run's failure, and every declared test is missing for that one reason.
  const stoppedAtStart = input.tests.length === 0 && input.globalErrors.length > 0;
  if (stoppedAtStart) finding('no golden test ran at all: the run stopped before its first test (the start-up error above)');
  else if (input.tests.length === 0) finding('no golden test ran at all');
  for (const t of stoppedAtStart ? [] : declared) {
    const ran = byTitle.get(t.title);
    if (ran?.outcome === 'skipped') finding(`golden test "${t.title}" (${t.stage}) was skipped`);
    if (ran || scope.kind === 'shard') continue;
    if (scope.kind === 'full') finding(`declared golden test "${t.title}" (${t.stage}) did not run: filtered out, deleted or renamed`);
    else if (narrowingSelects(scope.narrowing, t, input.stageFolder?.(t.stage) ?? t.stage)) {
      finding(`declared golden test "${t.title}" (${t.stage}) matches ${describeNarrowing(scope.narrowing)} but did not run: deleted or renamed`);
    }
  }
  const declaredTitles = new Set(declared.map((t: GoldenTest) => t.title));
  for (const t of input.tests) {
    if (!declaredTitles.has(t.title)) finding(`"${t.title}" ran but is not declared in src/verdict/golden-manifest.ts`);
  }
  if (input.runnerStatus === 'interrupted') finding('the run was interrupted before every golden test finished');
  if (input.runnerStatus === 'timedout') finding('the run hit its global time limit');
  return findings;
}

export function summariseRun(input: SummaryInput): RunSummary {
  const guard = guardRun(input);
  const stageOf = (t: TestReport) => t.stage;
  const knownStages: string[] = [...STAGES, ...input.tests.map(stageOf).filter((s) => !(STAGES as readonly string[]).includes(s))];
  const stages: StageSummary[] = [...new Set(knownStages)]
    .map((stage) => {
      const tests = input.tests.filter((t) => t.stage === stage);
      const failed = tests.some((t) => t.outcome === 'failed' || t.outcome === 'skipped' || (t.outcome === 'flaky' && input.failOnFlaky));
      const slow = tests.some((t) => t.steps.some((s) => s.verdict === 'SLOW') || t.outcome === 'flaky');
      const verdict: StepVerdict = failed ? 'FAIL' : slow ? 'SLOW' : 'PASS';
      return { stage, verdict, tests };
    })
    .filter((s) => s.tests.length > 0);
  const failures: RunSummary['failures'] = input.tests
    .filter((t) => t.outcome === 'failed')
    .map((t) => {
      const cls: FailureClass | 'UNCLASSIFIED' = failureClassOf(t.error) ?? 'UNCLASSIFIED';
      return {
        stage: t.stage,
        test: t.title,
        failureClass: cls,
        evidence: t.error ?? '(no error message)',
        causes: cls === 'UNCLASSIFIED' ? 'an error in the suite itself: read the test output' : FAILURE_CLASSES[cls].causes,
      };
    });
  for (const e of input.globalErrors) {
    const cls: FailureClass | 'UNCLASSIFIED' = failureClassOf(e) ?? 'UNCLASSIFIED';
    failures.push({ stage: 'start-up', test: '(outside any test)', failureClass: cls, evidence: e, causes: cls === 'UNCLASSIFIED' ? 'see the runner output' : FAILURE_CLASSES[cls].causes });
  }
  const flaky = input.tests.filter((t) => t.outcome === 'flaky').map((t) => t.title);
  const count = (o: TestOutcome) => input.tests.filter((t) => t.outcome === o).length;
  const red = failures.length > 0 || guard.length > 0 || (input.failOnFlaky && flaky.length > 0);
  const scope = input.scope ?? { kind: 'full' };
  const refused = input.refused ?? [];
  const earlier = input.earlier ?? [];
  // In golden-path order, stage by stage, as the verdict reads.
  const byStage = [...input.tests].sort((a, b) => stageRank(a.stage) - stageRank(b.stage));
  const trends = stepTrends(stepDurations(byStage), earlier, input.trendRules ?? DEFAULT_TREND_RULES);
  const regressions = Object.entries(trends).filter(([, t]) => t.regressed).map(([key, t]) => trendWarning(key, t));
  const drift = mergeDrift(
    input.tests.filter((t) => t.drift?.length).map((t) => ({ where: `${t.stage} › ${t.title}`, entries: t.drift ?? [] })),
    new Set(earlier.flatMap((p) => p.drift)),
  );
  return {
    environment: input.environment,
    // A shard leaves the verdict to the merge even when red: its failures are listed, and its
    // exit code is the runner's.
    verdict: scope.kind === 'shard' ? 'SHARD' : red ? 'FAIL' : scope.kind === 'partial' ? 'PARTIAL' : 'PASS',
    scope: {
      kind: scope.kind,
      narrowedBy: scope.kind === 'partial' ? describeNarrowing(scope.narrowing) : undefined,
      shard: scope.kind === 'shard' ? scope.shard : undefined,
    },
    urls: input.urls,
    versions: [...new Set(input.tests.flatMap((t) => t.versions))],
    startedAt: input.startedAt.toISOString(),
    wallTimeMs: Math.round(input.wallTimeMs),
    stages,
    failures,
    warnings: [...new Set([...input.tests.flatMap((t) => t.warnings), ...regressions])],
    flaky,
    guard,
    refused,
    counts: {
      declared: declaredGoldenTests(input.chatAllowed).length,
      ran: input.tests.length - count('skipped'),
      passed: count('passed'),
      failed: count('failed'),
      flaky: flaky.length,
      skipped: count('skipped'),
      refused: refused.length,
    },
    drift,
    trends,
  };
}

function stageRank(stage: string): number {
  const i = (STAGES as readonly string[]).indexOf(stage);
  return i < 0 ? STAGES.length : i;
}

/** Drift entries listed under the verdict; the rest are in the JSON. */
const DRIFT_LINES = 8;

/** The block people read first at the end of a run. */
export function renderSummary(s: RunSummary): string {
  const lines: string[] = [];
  const bar = '─'.repeat(78);
  lines.push(bar, headline(s));
  if (s.scope.narrowedBy) lines.push(`narrowed by ${s.scope.narrowedBy}: a partial run is never a golden-path pass (contract section 7)`);
  if (s.scope.shard) lines.push(`one shard of ${s.scope.shard.total}: the verdict is the merge's (npm run merge)`);
  if (s.versions.length) lines.push(`platform: ${s.versions.join(', ')}`);
  for (const stage of s.stages) {
    lines.push(`${stage.verdict.padEnd(4)}  ${stage.stage}`);
    for (const t of stage.tests) {
      // A stage of several tests names each, so its steps do not run together.
      if (stage.tests.length > 1 && t.steps.length > 0) lines.push(`   · ${t.title}`);
      for (const step of t.steps) {
        const mark = step.verdict === 'PASS' ? ' ' : step.verdict === 'SLOW' ? '~' : '✗';
        lines.push(`   ${mark} ${step.title.padEnd(62).slice(0, 62)} ${`${Math.round(step.durationMs)} ms`.padStart(8)} / ${step.softMs}·${step.hardMs} ms`);
      }
      if (t.steps.length === 0 && t.outcome !== 'passed') lines.push(`   ✗ ${t.title} (${t.outcome}, no step ran)`);
      if (t.latencies?.length) {
        const ms = (v: number) => `${Math.round(v)}`.padStart(6);
        lines.push(`     across ${Math.max(...t.latencies.map((l) => l.count))} users, ms:${' '.repeat(38)}p50    p95    max`);
        for (const l of t.latencies) lines.push(`       ${l.measure.padEnd(50).slice(0, 50)} ${ms(l.p50)} ${ms(l.p95)} ${ms(l.max)}`);
      }
    }
  }
  for (const f of s.failures) {
    lines.push('', `✗ [${f.failureClass}] ${f.stage} · ${f.test}`, `    ${withoutClass(f.evidence).slice(0, 400)}`, `    usual causes: ${f.causes}`);
  }
  for (const g of s.guard) lines.push('', `✗ [${g.failureClass}] run guard: ${g.detail}`);
  for (const t of s.flaky) lines.push('', `~ flaky (passed only on retry): ${t}`);
  if (s.refused.length) lines.push('', `- ${s.refused.length} writing tests refused: production is read-only without ALLOW_PRODUCTION_CHAT=1`);
  for (const w of s.warnings) lines.push(`! ${w}`);
  const drift = driftHeadline(s.drift);
  if (drift) {
    lines.push(`! ${drift}:`);
    for (const d of s.drift.slice(0, DRIFT_LINES)) {
      const where = [...new Set(d.where.map((w) => w.split(' › ')[0]))].join(', ');
      lines.push(`    ${d.kind} ${d.name} ×${d.count} · ${where}${d.new ? ' · new' : ''}`);
    }
    if (s.drift.length > DRIFT_LINES) lines.push(`    … ${s.drift.length - DRIFT_LINES} more in golden-path-summary.json`);
  }
  lines.push(bar);
  return lines.join('\n');
}

function headline(s: RunSummary): string {
  const wall = `${(s.wallTimeMs / 1000).toFixed(1)} s`;
  const ran = `${s.counts.ran} of ${s.counts.declared} golden tests ran`;
  if (s.scope.shard) {
    const red = s.counts.failed + s.guard.length > 0 ? ` · ${s.counts.failed} failed, ${s.guard.length} guard findings` : '';
    return `GOLDEN PATH SHARD ${s.scope.shard.current}/${s.scope.shard.total} · ${s.environment} · ${wall} · ${ran} in this shard${red}`;
  }
  if (s.verdict === 'PARTIAL') return `GOLDEN PATH PARTIAL · ${s.environment} · ${ran} · ${wall}`;
  const partial = s.scope.kind === 'full' ? '' : ` · ${ran}`;
  return `GOLDEN PATH ${s.verdict} · ${s.environment} · ${wall} · ${s.counts.passed}/${s.counts.declared} golden tests passed${partial}`;
}
