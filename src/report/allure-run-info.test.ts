import { expect, test } from '@playwright/test';
import { allureResultsDir, blobReportDir, environmentEntries, executorInfo, toProperties, type RunEnvironment } from './allure-run-info';

test('a whole run writes allure-results, a shard its own sub-folder, ALLURE_RESULTS_DIR wins', () => {
  expect(allureResultsDir(undefined, undefined)).toBe('allure-results');
  expect(allureResultsDir(undefined, { current: 2, total: 3 })).toBe('allure-results/shard-2-of-3');
  expect(allureResultsDir('/tmp/x', { current: 1, total: 2 })).toBe('/tmp/x');
});

const run: RunEnvironment = {
  environment: 'local',
  urls: { frontend: 'http://localhost:3000', auth: 'http://localhost:8081', backend: 'http://localhost:8000', ws: 'ws://localhost:8000/ws' },
  authMode: 'dev-login',
  platformVersions: ['backend 1.0.0', 'auth 1.0.0', 'backend 1.0.0'],
  browser: 'system Chromium (/usr/bin/chromium)',
  browserVersion: 'Chromium 140.0.7339.185',
  playwrightVersion: '1.65.1',
  suiteCommit: 'abc1234',
  goldenTestsDeclared: 6,
  shard: undefined,
};

test('the environment panel lists environment, URLs, versions, browser and commit; nothing empty', () => {
  const entries = Object.fromEntries(environmentEntries(run));
  expect(entries).toMatchObject({
    Environment: 'local',
    Frontend: 'http://localhost:3000',
    Socket: 'ws://localhost:8000/ws',
    'Platform versions': 'auth 1.0.0, backend 1.0.0',
    'Browser version': 'Chromium 140.0.7339.185',
    'Suite commit': 'abc1234',
  });
  expect(entries).not.toHaveProperty('Shard');
  expect(Object.fromEntries(environmentEntries({ ...run, suiteCommit: undefined, shard: { current: 1, total: 2 } }))).toMatchObject({ Shard: '1 of 2' });
});

test('properties escape what Java properties would split on', () => {
  expect(toProperties([['Auth service', 'http://localhost:8081'], ['Browser', 'Chromium (système)']])).toBe(
    'Auth\\ service=http\\://localhost\\:8081\nBrowser=Chromium (syst\\u00e8me)\n',
  );
});

test('executor info: the GitHub Actions build with its link, nothing outside CI', () => {
  const env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'netra/golden-path',
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_WORKFLOW: 'Golden path nightly',
  };
  expect(executorInfo(env, 'r')).toEqual({
    name: 'GitHub Actions',
    type: 'github',
    url: 'https://github.com/netra/golden-path',
    buildOrder: 7,
    buildName: 'Golden path nightly #7 (attempt 2)',
    buildUrl: 'https://github.com/netra/golden-path/actions/runs/42',
    reportName: 'r',
  });
  expect(executorInfo({}, 'r')).toBeUndefined();
});

test('a shard keeps its blob report in its own folder, so shards on one machine keep both', () => {
  expect(blobReportDir(undefined, { current: 1, total: 2 })).toBe('blob-report/shard-1-of-2');
  expect(blobReportDir(undefined, undefined)).toBe('blob-report');
  expect(blobReportDir('/tmp/b', { current: 1, total: 2 })).toBe('/tmp/b');
});
