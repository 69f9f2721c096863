import { expect, test } from '@playwright/test';
import { toProperties } from './allure-run-info';
import { alreadyInHistory, environmentsOf, mergeEnvironments, parseProperties, withoutLastPoint } from './report-inputs';

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

test('properties read back exactly what was written', () => {
  const entries: [string, string][] = [
    ['Auth service', 'http://localhost:8081'],
    ['Browser', 'Chromium (système) a=b'],
    ['Note', 'back\\slash'],
  ];
  expect(parseProperties(toProperties(entries))).toEqual(entries);
});

test('the environment panel of several shards keeps every platform version and both shards', () => {
  const shard1 = toProperties([['Environment', 'staging'], ['Platform versions', 'auth 1.2.0, backend 2.0.1'], ['Shard', '1 of 2']]);
  const shard2 = toProperties([['Environment', 'staging'], ['Platform versions', 'not reported'], ['Shard', '2 of 2']]);
  expect(mergeEnvironments([shard2, shard1])).toEqual([
    ['Environment', 'staging'],
    ['Platform versions', 'auth 1.2.0, backend 2.0.1'],
    ['Shard', '2 of 2 + 1 of 2'],
  ]);
  expect(mergeEnvironments([shard2])).toContainEqual(['Platform versions', 'not reported']);
});
