import { call, ISO } from './wire/platform-client';
import { expect, test } from './wire/platform-fixture';

/** Backend HTTP health endpoints against contract section 2. */

test('GET /health is healthy with a unix-seconds timestamp', async ({ platform }) => {
  const answer = await call(`${platform.urls.backend}/health`);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ status: 'healthy', service: 'netra-ai-platform', version: '1.0.0' });
  const timestamp = answer.body['timestamp'] as number;
  expect(typeof timestamp).toBe('number');
  expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
  expect(answer.headers.get('content-type')).toContain('application/json');
  expect(answer.headers.get('date')).toBeTruthy();
});

test('GET /health/live is healthy with an ISO timestamp', async ({ platform }) => {
  const answer = await call(`${platform.urls.backend}/health/live`);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ status: 'healthy', service: 'netra-ai-platform', version: '1.0.0', environment: 'development' });
  expect(answer.body['timestamp']).toMatch(ISO);
});

test('GET /health/ready is ready with the core database connected', async ({ platform }) => {
  const answer = await call(`${platform.urls.backend}/health/ready`);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({
    status: 'ready',
    service: 'netra-ai-platform',
    environment: 'development',
    core_db: 'connected',
    redis_db: 'connected',
    clickhouse_db: 'connected',
    websocket_readiness: { status: 'ready', websocket_ready: true },
  });
  expect(answer.body['timestamp']).toMatch(ISO);
});

test('GET /api/health reports each dependency with a response time', async ({ platform }) => {
  const answer = await call(`${platform.urls.backend}/api/health`);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ status: 'healthy', version: '1.0.0', environment: 'development' });
  expect(answer.body['timestamp']).toMatch(ISO);
  expect(typeof answer.body['uptime_seconds']).toBe('number');
  const checks = answer.body['checks'] as Record<string, Record<string, unknown>>;
  expect(Object.keys(checks).sort()).toEqual(['clickhouse', 'postgresql', 'redis']);
  for (const [name, check] of Object.entries(checks)) {
    expect(check, name).toMatchObject({ status: 'healthy', connected: true, error: null });
    expect(typeof check['response_time_ms'], name).toBe('number');
  }
});

test('GET /ws/health and /ws/config', async ({ platform }) => {
  const health = await call(`${platform.urls.backend}/ws/health`);
  expect(health.status).toBe(200);
  expect(health.body).toMatchObject({ status: 'healthy', mode: 'main' });
  expect(health.body['timestamp']).toMatch(ISO);
  expect(typeof health.body['components']).toBe('object');

  const config = await call(`${platform.urls.backend}/ws/config`);
  expect(config.status).toBe(200);
  expect(config.body).toEqual({ websocket_config: { heartbeat_interval: 30, connection_timeout: 300, max_message_size: 1048576 } });
});

test('CORS preflight for the threads API', async ({ platform }) => {
  const origin = platform.urls.frontend;
  const preflight = await fetch(`${platform.urls.backend}/api/threads`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  expect((preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain('authorization');
  const real = await call(`${platform.urls.backend}/health`, { headers: { Origin: origin } });
  expect(real.headers.get('access-control-allow-origin')).toBe(origin);
});

test('unknown routes answer 404 and wrong methods 405, as JSON', async ({ platform }) => {
  const missing = await call(`${platform.urls.backend}/api/nowhere`);
  expect(missing.status).toBe(404);
  expect(missing.body).toEqual({ detail: 'Not Found' });
  expect((await call(`${platform.urls.backend}/health`, { method: 'POST' })).status).toBe(405);
  expect((await call(`${platform.urls.backend}/api/threads`, { method: 'DELETE' })).status).toBe(405);
});
