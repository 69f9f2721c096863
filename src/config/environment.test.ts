import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ConfigInvalidError, loadEnvironment } from './environment';
import { requireEnvironment, resolveRunContext, shardRequested, workersFrom } from './run-context';
import { defaultGoldenWorkers } from './runner-defaults';

const BASE = [
  'FRONTEND_URL=https://app.example.test',
  'AUTH_URL=https://auth.example.test',
  'BACKEND_URL=https://api.example.test',
  'WS_URL=wss://api.example.test/ws',
  'AUTH_MODE=e2e-bypass',
  'FLOOR_HTTP_MS=5',
  'FLOOR_TOKEN_MS=5',
  'FLOOR_WS_CONNECT_MS=5',
  'FLOOR_AGENT_RUN_MS=1000',
  'FLOOR_PAGE_LOAD_MS=200',
];

function root(files: Record<string, string[]>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-env-'));
  mkdirSync(path.join(dir, 'env'));
  for (const [name, lines] of Object.entries(files)) writeFileSync(path.join(dir, 'env', name), lines.join('\n'));
  return dir;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigInvalidError);
    expect((error as Error).message).toMatch(/^\[CONFIG_INVALID\]/);
    return (error as ConfigInvalidError).problems;
  }
  throw new Error('expected CONFIG_INVALID');
}

test('a valid file plus secrets from the process environment loads into one typed object', () => {
  const dir = root({ 'staging.env': BASE });
  const c = loadEnvironment('staging', { rootDir: dir, processEnv: { E2E_BYPASS_KEY: 'k-123456' } });
  expect(c.urls.ws).toBe('wss://api.example.test/ws');
  expect(c.secrets.bypassKey).toBe('k-123456');
  expect(c.budgets.agentRun).toEqual({ softMs: 60_000, hardMs: 120_000 });
  expect(c.floors.agentRun).toBe(1000);
  expect(c.concurrentUsers).toBe(10);
  expect(c.goldenMessage).not.toMatch(/test|analyze|optimize|process/i);
});

test('the process environment wins over the file, and the secrets file over the env file', () => {
  const dir = root({ 'staging.env': BASE, 'staging.secrets.env': ['E2E_BYPASS_KEY=from-secrets-file'] });
  const c = loadEnvironment('staging', { rootDir: dir, processEnv: { BACKEND_URL: 'https://preview.example.test' } });
  expect(c.urls.backend).toBe('https://preview.example.test');
  expect(c.secrets.bypassKey).toBe('from-secrets-file');
  expect(c.files).toEqual(['env/staging.env', 'env/staging.secrets.env']);
});

test('a missing secret names the variable and the file, never falls back', () => {
  const found = problems(() => loadEnvironment('staging', { rootDir: root({ 'staging.env': BASE }), processEnv: {} }));
  expect(found.join('\n')).toContain('E2E_BYPASS_KEY is missing (AUTH_MODE=e2e-bypass needs it)');
  expect(found.join('\n')).toContain('env/staging.env');
});

test('malformed values are each reported', () => {
  const dir = root({ 'staging.env': [...BASE, 'WS_URL=https://api.example.test/ws', 'AUTH_MODE=magic', 'BUDGET_HEALTH_SOFT_MS=abc', 'CONCURRENT_USERS=0'] });
  const found = problems(() => loadEnvironment('staging', { rootDir: dir, processEnv: { E2E_BYPASS_KEY: 'k-123456' } })).join('\n');
  expect(found).toContain('WS_URL=https://api.example.test/ws in env/staging.env must be a ws: or wss: URL');
  expect(found).toContain('AUTH_MODE=magic');
  expect(found).toContain('BUDGET_HEALTH_SOFT_MS=abc');
  expect(found).toContain('CONCURRENT_USERS=0');
});

test('a missing floor is an error: floors are per-environment configuration', () => {
  const dir = root({ 'staging.env': BASE.filter((l) => !l.startsWith('FLOOR_AGENT_RUN_MS')) });
  expect(problems(() => loadEnvironment('staging', { rootDir: dir, processEnv: { E2E_BYPASS_KEY: 'k-123456' } })).join()).toContain('FLOOR_AGENT_RUN_MS is missing');
});

test('the process environment may tighten a budget but not loosen it', () => {
  const dir = root({ 'staging.env': [...BASE, 'BUDGET_HEALTH_HARD_MS=3000'] });
  const env = { E2E_BYPASS_KEY: 'k-123456' };
  expect(loadEnvironment('staging', { rootDir: dir, processEnv: { ...env, BUDGET_HEALTH_HARD_MS: '2000' } }).budgets.health.hardMs).toBe(2000);
  expect(problems(() => loadEnvironment('staging', { rootDir: dir, processEnv: { ...env, BUDGET_HEALTH_HARD_MS: '9000' } })).join()).toContain('loosens the budget');
});

test("the suite's own api budget has its defaults and is tightened, never loosened, like the contract's", () => {
  const dir = root({ 'staging.env': BASE });
  const env = { E2E_BYPASS_KEY: 'k-123456' };
  expect(loadEnvironment('staging', { rootDir: dir, processEnv: env }).budgets.api).toEqual({ softMs: 1_000, hardMs: 5_000 });
  expect(loadEnvironment('staging', { rootDir: dir, processEnv: { ...env, BUDGET_API_HARD_MS: '2000' } }).budgets.api.hardMs).toBe(2000);
  expect(problems(() => loadEnvironment('staging', { rootDir: dir, processEnv: { ...env, BUDGET_API_HARD_MS: '9000' } })).join()).toContain('BUDGET_API_HARD_MS=9000');
});

test('a golden message the real page would divert to REST is refused', () => {
  const dir = root({ 'staging.env': [...BASE, 'GOLDEN_MESSAGE=Please analyze my costs'] });
  expect(problems(() => loadEnvironment('staging', { rootDir: dir, processEnv: { E2E_BYPASS_KEY: 'k-123456' } })).join()).toContain('"analyze"');
});

test('multi-user runs need distinct users, hence the bypass key', () => {
  const dir = root({ 'staging.env': BASE.map((l) => (l.startsWith('AUTH_MODE') ? 'AUTH_MODE=dev-login' : l)) });
  expect(problems(() => loadEnvironment('staging', { rootDir: dir, processEnv: {} })).join()).toContain('distinct users');
});

test('production is read-only unless ALLOW_PRODUCTION_CHAT=1, and has no dev login', () => {
  const prod = BASE.map((l) => (l.startsWith('AUTH_MODE') ? 'AUTH_MODE=password' : l));
  const dir = root({ 'production.env': [...prod, 'CONCURRENT_USERS=1'] });
  const secrets = { TEST_USER_EMAIL: 'synthetic@example.test', TEST_USER_PASSWORD: 'pw-123456' };
  expect(loadEnvironment('production', { rootDir: dir, processEnv: secrets }).chatAllowed).toBe(false);
  expect(loadEnvironment('production', { rootDir: dir, processEnv: { ...secrets, ALLOW_PRODUCTION_CHAT: '1' } }).chatAllowed).toBe(true);
  const dev = root({ 'production.env': prod.map((l) => (l.startsWith('AUTH_MODE') ? 'AUTH_MODE=dev-login' : l)) });
  expect(problems(() => loadEnvironment('production', { rootDir: dev, processEnv: {} })).join()).toContain('dev-login is not available on production');
});

test('the repository environment files are valid as shipped (local needs no secrets)', () => {
  const repo = path.resolve(__dirname, '../..');
  expect(loadEnvironment('local', { rootDir: repo, processEnv: {} }).urls.frontend).toBe('http://localhost:3000');
  expect(loadEnvironment('staging', { rootDir: repo, processEnv: { E2E_BYPASS_KEY: 'k-123456' } }).authMode).toBe('e2e-bypass');
  expect(problems(() => loadEnvironment('staging', { rootDir: repo, processEnv: {} })).join()).toContain('E2E_BYPASS_KEY');
});

test.describe('run context', () => {
  test('every environment is resolved; one that lacks a secret keeps its problems instead of stopping the others', () => {
    const dir = root({ 'local.env': BASE.map((l) => (l.startsWith('AUTH_MODE') ? 'AUTH_MODE=dev-login' : l)).concat('CONCURRENT_USERS=1'), 'staging.env': BASE, 'production.env': BASE.map((l) => (l.startsWith('AUTH_MODE') ? 'AUTH_MODE=password' : l)) });
    const context = resolveRunContext({ rootDir: dir, processEnv: {} });
    expect(context.environments.local.config?.name).toBe('local');
    expect(context.environments.staging.config).toBeUndefined();
    expect(context.environments.staging.problems.join()).toContain('E2E_BYPASS_KEY is missing');
    expect(() => requireEnvironment(context, 'staging')).toThrow(/^\[CONFIG_INVALID\] .*staging: E2E_BYPASS_KEY is missing/s);
    expect(requireEnvironment(context, 'local').urls.frontend).toBe('https://app.example.test');
  });

  test('runner settings are validated once: GOLDEN_WORKERS is a whole number from 1 to 64', () => {
    expect(workersFrom(undefined)).toBeUndefined();
    expect(workersFrom('4')).toBe(4);
    for (const bad of ['0', 'two', '2.5', '-1', '65']) expect(() => workersFrom(bad)).toThrow(/\[CONFIG_INVALID\] GOLDEN_WORKERS=/);
    const repo = path.resolve(__dirname, '../..');
    expect(() => resolveRunContext({ rootDir: repo, processEnv: { GOLDEN_WORKERS: 'many' } })).toThrow(/GOLDEN_WORKERS=many/);
    const context = resolveRunContext({ rootDir: repo, processEnv: { CI: 'true', GOLDEN_ALLOW_PARTIAL: '1', START_PLATFORM: '0' } });
    expect(context).toMatchObject({ ci: true, allowPartial: true, startPlatform: false, workers: undefined });
    expect(resolveRunContext({ rootDir: repo, processEnv: { GOLDEN_WORKERS: '4' } }).workers).toBe(4);
    // Without GOLDEN_WORKERS each project has its own default: local shares the cores, a deployment is waited on.
    expect([defaultGoldenWorkers('local'), defaultGoldenWorkers('staging'), defaultGoldenWorkers('production')]).toEqual([3, 6, 6]);
  });

  test('a blob report is written for a shard or when PW_BLOB_DIR asks, by no other run', () => {
    expect(shardRequested(['node', 'playwright', 'test', '--shard=1/3'])).toBe(true);
    expect(shardRequested(['node', 'playwright', 'test', '--shard', '2/3', '--project=local'])).toBe(true);
    expect(shardRequested(['node', 'playwright', 'test', '--project=local', 'tests/shard'])).toBe(false);
    const repo = path.resolve(__dirname, '../..');
    const blobOf = (processEnv: NodeJS.ProcessEnv, argv: string[]) => resolveRunContext({ rootDir: repo, processEnv, argv }).output.blob;
    expect(blobOf({}, ['node', 'playwright', 'test'])).toBe(false);
    expect(blobOf({}, ['node', 'playwright', 'test', '--shard=1/2'])).toBe(true);
    expect(blobOf({ PW_BLOB_DIR: '/tmp/blobs' }, ['node', 'playwright', 'test'])).toBe(true);
  });
});
