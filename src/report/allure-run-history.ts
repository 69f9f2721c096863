import { driftKey, type DriftCount } from '../verdict/contract-drift';
import type { StepRecord } from '../verdict/step-guard';
import { earlierDurations, stepDurations, stepTrends, trendWarning, type StepTrend, type TrendRules } from '../verdict/step-trends';
import { WARNING } from '../verdict/annotations';
import type { AllureLabel } from './allure-golden-metadata';
import type { HistoryPoint } from './golden-history';
import { renderTrendChart } from './step-trend-chart';

/**
 * What one test's Allure result gains from the golden history, in the main process: a chart of
 * its steps across runs (when earlier runs exist), a `warning` label per step slower than usual,
 * and a `drift` label per shape the contract does not list (`drift-new` when no earlier run
 * saw it). Labels, never a status: nothing here can turn a test red.
 */
export const TREND_CHART_ATTACHMENT = 'step durations across runs';
export const DRIFT_LABEL = 'drift';
export const NEW_DRIFT_LABEL = 'drift-new';
/** The run's pictures beside golden-path-summary.json, one per environment. */
export const RUN_TRENDS_FILE = (environment: string): string => `golden-path-trends.${environment}.svg`;
export const RUN_DRIFT_FILE = (environment: string): string => `golden-path-drift.${environment}.md`;

export interface TestHistoryInput {
  stage: string;
  title: string;
  steps: readonly StepRecord[];
  drift: readonly DriftCount[];
  /** Earlier runs of the environment against the same deployment, oldest first. */
  earlier: readonly HistoryPoint[];
  rules: TrendRules;
  /** For the chart's subtitle: "staging at https://api…". */
  scope: string;
}

export interface TestHistoryAdditions {
  chart?: string;
  labels: AllureLabel[];
}

export function testHistoryAdditions(input: TestHistoryInput): TestHistoryAdditions {
  const trends = stepTrends(stepDurations([input]), input.earlier, input.rules);
  const labels: AllureLabel[] = [];
  for (const [key, trend] of Object.entries(trends)) if (trend.regressed) labels.push({ name: WARNING, value: trendWarning(key, trend) });
  const seenBefore = new Set(input.earlier.flatMap((p) => p.drift));
  for (const d of input.drift) {
    labels.push({ name: DRIFT_LABEL, value: driftKey(d) });
    if (!seenBefore.has(driftKey(d))) labels.push({ name: NEW_DRIFT_LABEL, value: driftKey(d) });
  }
  if (input.drift.length) labels.push({ name: 'tag', value: DRIFT_LABEL });
  const compared = Object.values(trends).some((t) => t.runs > 0);
  if (!compared) return { labels };
  const series = Object.entries(trends).map(([key, trend]) => ({
    title: key.slice(`${input.stage} › `.length),
    earlier: earlierDurations(key, input.earlier, input.rules.window),
    trend,
  }));
  return { chart: renderTrendChart(input.title, series, input.scope), labels };
}

/** The whole run's steps across runs, one row per `<stage> › <step>`, for the report's global attachments. */
export function runHistoryChart(trends: Readonly<Record<string, StepTrend>>, earlier: readonly HistoryPoint[], rules: TrendRules, scope: string): string | undefined {
  if (!Object.values(trends).some((t) => t.runs > 0)) return undefined;
  const series = Object.entries(trends).map(([key, trend]) => ({ title: key, earlier: earlierDurations(key, earlier, rules.window), trend }));
  return renderTrendChart('the golden path', series, scope);
}
