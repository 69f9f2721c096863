import { expect, test } from '@playwright/test';
import type { HistoryPoint } from './golden-history';
import { testHistoryAdditions } from './allure-run-history';
import { seriesX } from './step-trend-chart';
import { DEFAULT_TREND_RULES } from '../verdict/step-trends';
import type { StepRecord } from '../verdict/step-guard';

const step = (title: string, durationMs: number): StepRecord => ({ title, kind: 'agentRun', budget: 'agentRun', durationMs, softMs: 5000, hardMs: 15000, floorMs: 400, verdict: 'PASS', evidence: [] });
const point = (ms: number, drift: string[] = []): HistoryPoint => ({ v: 1, environment: 'local', target: 'http://localhost:8000', startedAt: 't', verdict: 'PASS', steps: { 'socket › the agent runs': ms }, drift });
const base = { stage: 'socket', title: 'a chat message', drift: [], rules: DEFAULT_TREND_RULES, scope: 'local at http://localhost:8000' };

test('no earlier run: no chart, nothing to compare with yet', () => {
  expect(testHistoryAdditions({ ...base, steps: [step('the agent runs', 1400)], earlier: [] })).toEqual({ labels: [] });
});

test('the chart draws each earlier run and this one, in order, this run last', () => {
  const { chart, labels } = testHistoryAdditions({ ...base, steps: [step('the agent runs', 1450)], earlier: [1400, 1380, 1420].map((ms) => point(ms)) });
  expect(labels).toEqual([]);
  const dots = [...chart!.matchAll(/<circle cx="([\d.]+)" cy="[\d.]+" r="[\d.]+" fill="[^"]+" data-ms="(\d+)"/g)].map((m) => ({ x: Number(m[1]), ms: Number(m[2]) }));
  expect(dots.map((d) => d.ms)).toEqual([1400, 1380, 1420, 1450]);
  dots.forEach((d, i) => expect(d.x).toBeCloseTo(seriesX(i, 4), 0));
  expect(chart).toContain('data-this-run="true"');
  expect(chart).toContain('1.4 s, usually 1.4 s (3 runs)');
});

test('a regressed step is a warning label, and drift a label per shape, new when no earlier run saw it', () => {
  const { chart, labels } = testHistoryAdditions({
    ...base,
    steps: [step('the agent runs', 3000)],
    earlier: [1400, 1400, 1400, 1400, 1400].map((ms) => point(ms, ['field agent_thinking.payload.confidence'])),
    drift: [
      { kind: 'event_type', name: 'agent_response_chunk', count: 3, example: 'e' },
      { kind: 'field', name: 'agent_thinking.payload.confidence', count: 3, example: 'f' },
    ],
  });
  expect(labels).toEqual([
    { name: 'warning', value: 'slower than usual: socket › the agent runs took 3.0 s, usually 1.4 s (median of 5 earlier runs)' },
    { name: 'drift', value: 'event_type agent_response_chunk' },
    { name: 'drift-new', value: 'event_type agent_response_chunk' },
    { name: 'drift', value: 'field agent_thinking.payload.confidence' },
    { name: 'tag', value: 'drift' },
  ]);
  expect(chart).toContain('slower than usual: 3.0 s, usually 1.4 s (5 runs)');
});
