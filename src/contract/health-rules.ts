import { excerpt } from './excerpt';
import { GoldenPathFailure, type FailureClass } from './failure-classes';

/** What the rules read of an HTTP answer; the suite's client (src/clients/http-client.ts) gives more. */
export interface HttpAnswer {
  method: string;
  url: string;
  status: number;
  text: string;
  json: unknown;
}

/**
 * The golden-path rules for health answers (contract sections 2 and 3), as pure functions
 * over a response: a failure with its class, SHOULD-warnings, and the version reported.
 */
export interface HealthVerdict {
  failure?: GoldenPathFailure;
  warnings: string[];
  version?: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function fail(cls: FailureClass, res: HttpAnswer, why: string): HealthVerdict {
  return { failure: new GoldenPathFailure(cls, `${res.method} ${res.url} ${why}; body: ${excerpt(res.text) || '(empty)'}`), warnings: [] };
}

/** `GET /health` (backend): 200 with status "healthy"; a 503 carries the reason in `message`. */
export function backendHealth(res: HttpAnswer): HealthVerdict {
  const body = obj(res.json);
  if (res.status === 503) return fail('BACKEND_UNHEALTHY', res, `answered 503: ${str(body.message) ?? 'no message'}`);
  if (res.status !== 200 || body.status !== 'healthy') {
    return fail('BACKEND_UNHEALTHY', res, `answered HTTP ${res.status} with status ${JSON.stringify(body.status)}, expected 200 "healthy"`);
  }
  return { warnings: [], version: str(body.version) };
}

/** `GET /health/ready`: 200, status "ready", `core_db` "connected". */
export function backendReady(res: HttpAnswer): HealthVerdict {
  const body = obj(res.json);
  if (res.status !== 200) {
    const why = str(body.detail) ?? str(body.message) ?? 'no detail';
    return fail('BACKEND_UNHEALTHY', res, `answered HTTP ${res.status} (not ready): ${why}`);
  }
  if (body.status !== 'ready') return fail('BACKEND_UNHEALTHY', res, `says status ${JSON.stringify(body.status)}, expected "ready"`);
  if (body.core_db !== 'connected') return fail('BACKEND_UNHEALTHY', res, `says core_db ${JSON.stringify(body.core_db)}, expected "connected"`);
  const warnings: string[] = [];
  const ws = obj(body.websocket_readiness);
  if (ws.websocket_ready === false) warnings.push(`/health/ready says websocket_ready false (status ${JSON.stringify(ws.status)})`);
  return { warnings };
}

/**
 * `GET /api/health`: "healthy" passes; "degraded" passes with a warning naming each degraded
 * dependency and its response time; "unhealthy" or 503 fails. The key may be `postgres`.
 */
export function apiHealth(res: HttpAnswer): HealthVerdict {
  const outer = obj(res.json);
  const body = res.status === 503 ? obj(outer.detail) : outer;
  if (res.status !== 200 || (body.status !== 'healthy' && body.status !== 'degraded')) {
    const failed = Object.entries(obj(body.checks))
      .filter(([, c]) => obj(c).status !== 'healthy')
      .map(([name, c]) => `${name}: ${str(obj(c).status)}${str(obj(c).error) ? ` (${str(obj(c).error)})` : ''}`);
    return fail('BACKEND_UNHEALTHY', res, `answered HTTP ${res.status}, status ${JSON.stringify(body.status)}${failed.length ? `; ${failed.join(', ')}` : ''}`);
  }
  const warnings = Object.entries(obj(body.checks))
    .filter(([, c]) => obj(c).status !== 'healthy' && obj(c).status !== 'not_configured')
    .map(([name, c]) => {
      const check = obj(c);
      const ms = typeof check.response_time_ms === 'number' ? ` after ${check.response_time_ms} ms` : '';
      return `/api/health: ${name === 'postgres' ? 'postgresql' : name} is ${str(check.status)}${ms}${str(check.error) ? `: ${str(check.error)}` : ''}`;
    });
  if (body.status === 'degraded' && warnings.length === 0) warnings.push('/api/health says degraded without naming a dependency');
  return { warnings, version: str(body.version) };
}

/** `GET /ws/health`: 200 with "healthy"; "unhealthy" with HTTP 200 is still a failure. */
export function wsHealth(res: HttpAnswer): HealthVerdict {
  const body = obj(res.json);
  if (res.status !== 200 || body.status !== 'healthy') {
    return fail('BACKEND_UNHEALTHY', res, `answered HTTP ${res.status} with status ${JSON.stringify(body.status)}, expected 200 "healthy"`);
  }
  return { warnings: [] };
}

/** Auth `GET /health` and `GET /auth/health` (always 200): "unhealthy" or 503 is AUTH_UNHEALTHY. */
export function authHealth(res: HttpAnswer): HealthVerdict {
  const body = obj(res.json);
  if (res.status !== 200 || body.status !== 'healthy') {
    const why = str(body.reason) ?? str(body.database_status) ?? '';
    return fail('AUTH_UNHEALTHY', res, `answered HTTP ${res.status} with status ${JSON.stringify(body.status)}${why ? ` (${why})` : ''}`);
  }
  return { warnings: [], version: str(body.version) };
}
