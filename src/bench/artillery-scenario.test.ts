import { expect, test } from '@playwright/test';
import { ARTILLERY_PROCESSOR, artilleryScript, readArtilleryReport } from './artillery-scenario';

test('the script ramps the users, uses their own tokens and waits for agent_completed', () => {
  const s = artilleryScript({ wsUrl: 'ws://localhost:1/ws', users: 100, rampSeconds: 10, holdSeconds: 10, waitTimeoutSeconds: 20, payloadFile: 'u.csv', processorFile: './p.cjs', content: 'hi' }) as {
    config: { phases: unknown[]; payload: { order: string } };
    scenarios: { flow: Record<string, unknown>[] }[];
  };
  expect(s.config.phases).toEqual([{ name: 'ramp', duration: 10, arrivalCount: 100 }]);
  expect(s.config.payload.order).toBe('sequence');
  const flow = s.scenarios[0]?.flow ?? [];
  expect(flow[0]).toEqual({ connect: { function: 'useOwnToken' } });
  expect(flow.find((x) => 'loop' in x)).toMatchObject({ whileTrue: 'notCompleted' });
  expect(flow.at(-1)).toEqual({ think: 10 });
});

test('the processor is valid CommonJS exporting the functions the script names', () => {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'require', ARTILLERY_PROCESSOR)(module, (id: string) => (id === 'node:perf_hooks' ? { performance } : {}));
  expect(Object.keys(module.exports).sort()).toEqual(['notCompleted', 'onFrame', 'opened', 'useOwnToken']);
});

test("the report's counters, errors and histograms are read", () => {
  const outcome = readArtilleryReport({
    aggregate: {
      counters: { 'vusers.created': 10, 'vusers.completed': 9, 'vusers.failed': 1, 'errors.response timeout': 1 },
      summaries: { 'golden.completed_ms': { count: 9, p50: 1400, p95: 1410, max: 1500 }, 'vusers.session_length': { count: 9, median: 11000, p95: 11100, max: 11200 } },
    },
  });
  expect(outcome).toMatchObject({ created: 10, completed: 9, failed: 1, errors: { 'response timeout': 1 }, completedRun: { p50: 1400 }, sessionLength: { p50: 11000 } });
  expect(outcome.welcome).toBeUndefined();
});
