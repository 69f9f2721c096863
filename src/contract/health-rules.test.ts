import { expect, test } from '@playwright/test';
import type { HttpExchange } from '../clients/http-client';
import { answerShown } from './answer-match';
import { failureClassOf } from './failure-classes';
import { apiHealth, authHealth, backendHealth, backendReady, wsHealth } from './health-rules';
import { isThreadId } from './thread-ids';

const res = (status: number, json: unknown, url = 'https://api.example.test/health'): HttpExchange => ({
  method: 'GET',
  url,
  status,
  date: 'Sun, 22 Nov 2026 22:00:00 GMT',
  durationMs: 12,
  headers: {},
  text: JSON.stringify(json),
  json,
});
const check = (c: { status: string; response_time_ms?: number; error?: string | null }) => ({ connected: c.status === 'healthy', response_time_ms: 3, error: null, ...c });

test('/health: 200 healthy passes and reports its version; 503 is BACKEND_UNHEALTHY with its message', () => {
  expect(backendHealth(res(200, { status: 'healthy', version: '1.0.0' }))).toEqual({ warnings: [], version: '1.0.0' });
  const down = backendHealth(res(503, { status: 'unhealthy', message: 'Startup failed: LLM manager' }));
  expect(down.failure?.message).toMatch(/^\[BACKEND_UNHEALTHY\] GET .* answered 503: Startup failed: LLM manager/);
  expect(failureClassOf(backendHealth(res(200, { status: 'starting' })).failure?.message)).toBe('BACKEND_UNHEALTHY');
});

test('/health/ready: needs status ready and core_db connected', () => {
  expect(backendReady(res(200, { status: 'ready', core_db: 'connected', websocket_readiness: { websocket_ready: true } })).failure).toBeUndefined();
  expect(backendReady(res(503, { detail: 'Core database unavailable' })).failure?.message).toContain('Core database unavailable');
  expect(backendReady(res(200, { status: 'ready', core_db: 'failed' })).failure?.message).toContain('core_db "failed"');
});

test('/api/health: degraded passes with a warning per dependency; unhealthy or 503 fails', () => {
  const degraded = apiHealth(res(200, { status: 'degraded', checks: { postgres: check({ status: 'healthy' }), clickhouse: check({ status: 'degraded', response_time_ms: 2300 }) } }));
  expect(degraded.failure).toBeUndefined();
  expect(degraded.warnings).toEqual(['/api/health: clickhouse is degraded after 2300 ms']);
  expect(apiHealth(res(200, { status: 'healthy', checks: { postgresql: check({ status: 'healthy' }), redis: check({ status: 'not_configured' }) } })).warnings).toEqual([]);
  const down = apiHealth(res(503, { detail: { status: 'unhealthy', checks: { postgresql: check({ status: 'failed', error: 'connection refused' }) } } }));
  expect(down.failure?.message).toMatch(/^\[BACKEND_UNHEALTHY\].*postgresql: failed \(connection refused\)/);
});

test('/ws/health: "unhealthy" with HTTP 200 is still a failure', () => {
  expect(wsHealth(res(200, { status: 'healthy' })).failure).toBeUndefined();
  expect(failureClassOf(wsHealth(res(200, { status: 'unhealthy' })).failure?.message)).toBe('BACKEND_UNHEALTHY');
});

test('auth health: 503 or "unhealthy" is AUTH_UNHEALTHY', () => {
  expect(authHealth(res(200, { status: 'healthy', version: '1.0.0' })).version).toBe('1.0.0');
  expect(failureClassOf(authHealth(res(503, { status: 'unhealthy', reason: 'db' })).failure?.message)).toBe('AUTH_UNHEALTHY');
  expect(authHealth(res(200, { status: 'unhealthy', database_status: 'disconnected' })).failure?.message).toContain('disconnected');
});

test('thread ids: UUIDs, structured ids and long ids; never placeholders', () => {
  expect(isThreadId('6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f')).toBe(true);
  expect(isThreadId('thread_1732312345678_9f8e7d6c')).toBe(true);
  expect(isThreadId('a-long-opaque-id-of-20-chars')).toBe(true);
  expect(isThreadId('test_1')).toBe(false);
});

test('the answer counts as shown when the page holds its opening, whatever the Markdown and whitespace', () => {
  const answer = 'Here are **three** drivers:\n\n1. model tokens\n2. [vector search](https://x)';
  expect(answerShown('You: hi\nHere are three drivers: 1. model tokens 2. vector search', answer)).toBe(true);
  expect(answerShown('supervisor completed in 2.4 s', answer)).toBe(false);
  expect(answerShown('anything', '')).toBe(false);
});
