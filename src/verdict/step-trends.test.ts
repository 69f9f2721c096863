import { expect, test } from '@playwright/test';
import { parseHistory, sameTarget, withPoint, type HistoryPoint } from '../report/golden-history';
import { duration, stepDurations, stepTrends, trendWarning } from './step-trends';
import type { StepRecord } from './step-guard';

const KEY = 'socket › the agent starts, thinks, runs its tool and completes';
const point = (ms: number, over: Partial<HistoryPoint> = {}): HistoryPoint => ({
  v: 1,
  environment: 'staging',
  target: 'https://api.staging.netrasystems.ai',
  startedAt: '2026-12-01T02:17:00.000Z',
  verdict: 'PASS',
  steps: { [KEY]: ms },
  drift: [],
  ...over,
});
const runs = (...ms: number[]) => ms.map((m) => point(m));

test.describe('step trends (a warning, never a failure)', () => {
  test('fewer than 5 earlier runs say nothing, however slow this one', () => {
    const t = stepTrends({ [KEY]: 9000 }, runs(1400, 1400, 1400, 1400));
    expect(t[KEY]).toEqual({ runs: 4, medianMs: 1400, lastMs: 9000, ratio: 6.43, regressed: false });
  });

  test('noise under 50 ms is no regression, even at many times the median', () => {
    expect(stepTrends({ 'health › the backend says it is healthy': 30 }, runs(1, 2, 3, 4, 5).map((p) => ({ ...p, steps: { 'health › the backend says it is healthy': 4 } })))['health › the backend says it is healthy']).toMatchObject({ medianMs: 4, regressed: false });
  });

  test('a real regression: over 1.5 times the median and at least 50 ms slower', () => {
    const t = stepTrends({ [KEY]: 2400 }, runs(1390, 1410, 1400, 1420, 1380, 1400));
    expect(t[KEY]).toEqual({ runs: 6, medianMs: 1400, lastMs: 2400, ratio: 1.71, regressed: true });
    expect(trendWarning(KEY, t[KEY]!)).toBe(`slower than usual: ${KEY} took 2.4 s, usually 1.4 s (median of 6 earlier runs)`);
    // Just under the ratio is not.
    expect(stepTrends({ [KEY]: 2090 }, runs(1390, 1410, 1400, 1420, 1380, 1400))[KEY]!.regressed).toBe(false);
    // The ratio is configuration (TREND_REGRESSION_RATIO).
    expect(stepTrends({ [KEY]: 2090 }, runs(1390, 1410, 1400, 1420, 1380, 1400), { ratio: 1.2, minSlowerMs: 50, minRuns: 5, window: 30 })[KEY]!.regressed).toBe(true);
  });

  test('another environment\'s history, or another deployment\'s, is not compared with', () => {
    const history = [...runs(1400, 1400, 1400, 1400, 1400), ...runs(100, 100, 100, 100, 100).map((p) => ({ ...p, environment: 'production' })), point(100, { target: 'http://localhost:8000' })];
    const earlier = sameTarget(history, 'staging', 'https://api.staging.netrasystems.ai');
    expect(earlier).toHaveLength(5);
    expect(stepTrends({ [KEY]: 1500 }, earlier)[KEY]).toMatchObject({ medianMs: 1400, regressed: false });
  });

  test('the median is of the most recent 30 runs only: the norm follows the platform', () => {
    const t = stepTrends({ [KEY]: 2000 }, [...runs(...Array(40).fill(500)), ...runs(...Array(30).fill(1900))]);
    expect(t[KEY]).toMatchObject({ runs: 30, medianMs: 1900, regressed: false });
  });

  test('a failed step is not a duration of that step; a step that occurs twice in a stage keeps its slowest', () => {
    const step = (title: string, durationMs: number, verdict: StepRecord['verdict']): StepRecord => ({ title, kind: 'http', budget: 'api', durationMs, softMs: 1, hardMs: 2, floorMs: 0, verdict, evidence: [] });
    expect(stepDurations([
      { stage: 'socket', steps: [step('start a conversation', 12.4, 'PASS'), step('the conversation is saved', 2000, 'FAIL')] },
      { stage: 'socket', steps: [step('start a conversation', 30, 'SLOW')] },
    ])).toEqual({ 'socket › start a conversation': 30 });
  });

  test('durations read as people say them', () => {
    expect([duration(840), duration(2400), duration(12_345)]).toEqual(['840 ms', '2.4 s', '12 s']);
  });
});

test.describe('the golden history file', () => {
  test('a line that is not a point is skipped, never fatal', () => {
    const text = [JSON.stringify(point(1400)), 'not json', JSON.stringify({ v: 2, environment: 'x' }), '', JSON.stringify(point(1500))].join('\n');
    expect(parseHistory(text).map((p) => p.steps[KEY])).toEqual([1400, 1500]);
    expect(parseHistory(undefined)).toEqual([]);
  });

  test('each environment and deployment keeps its last runs only; every line is masked as it is written', () => {
    const staging = runs(1, 2, 3);
    const local = [point(7, { environment: 'local', target: 'http://localhost:8000' })];
    const text = withPoint([...staging, ...local], point(4, { drift: ['field x s3cret'] }), (l) => l.replaceAll('s3cret', '***'), 2);
    const kept = parseHistory(text);
    expect(kept.map((p) => `${p.environment}:${p.steps[KEY]}`)).toEqual(['staging:3', 'local:7', 'staging:4']);
    expect(text).not.toContain('s3cret');
    expect(text.endsWith('\n')).toBe(true);
  });
});
