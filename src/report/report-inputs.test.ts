import { expect, test } from '@playwright/test';
import { alreadyInHistory, environmentsOf, withoutLastPoint } from './report-inputs';

test('environments come from environment.properties, once each', () => {
  expect(environmentsOf(['Environment=local\nFrontend=http\\://x\n', undefined, 'Environment=local\n', 'Auth\\ mode=password\nEnvironment=staging'])).toEqual([
    'local',
    'staging',
  ]);
  expect(environmentsOf([undefined])).toEqual([]);
});

const point = (results: { name: string; start: number }[]) =>
  JSON.stringify({ uuid: 'u', testResults: Object.fromEntries(results.map((r, i) => [`h${i}`, { id: `id${i}`, ...r }])) });

test('results already in the last history point are not appended again', () => {
  const history = [point([{ name: 'old', start: 1 }]), point([{ name: 'a', start: 10 }, { name: 'b', start: 11 }])].join('\n') + '\n';
  expect(alreadyInHistory(history, [{ name: 'a', start: 10 }])).toBe(true);
  expect(alreadyInHistory(history, [{ name: 'a', start: 20 }])).toBe(false);
  // Only the last point counts: an older run's results are a new point again.
  expect(alreadyInHistory(history, [{ name: 'old', start: 1 }])).toBe(false);
  expect(alreadyInHistory(undefined, [{ name: 'a', start: 10 }])).toBe(false);
  expect(alreadyInHistory('not json\n', [{ name: 'a', start: 10 }])).toBe(false);
  expect(alreadyInHistory(history, [])).toBe(false);
});

test('the history before its last point: what a report of the last run compares with', () => {
  expect(withoutLastPoint('{"a":1}\n{"b":2}\n')).toBe('{"a":1}\n');
  expect(withoutLastPoint('{"a":1}\n')).toBe('');
});
