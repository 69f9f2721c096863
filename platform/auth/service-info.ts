import type { IncomingMessage } from 'node:http';
import type { Faults } from '../faults';
import type { JsonAnswer } from '../http/respond';

const AUTH_SERVICE = 'auth-service';
const AUTH_VERSION = '1.0.0';

/**
 * A client id of realistic length: the real page refuses one shorter than 50 characters or
 * starting `REPLACE_` outside development (contract section 5).
 */
const GOOGLE_CLIENT_ID = '884203717250-5k2qv7n8a9d4e6r1t0u2w3x4y5z6a7b8.apps.googleusercontent.com';

const UNHEALTHY_REASON = 'Database connectivity check failed: connection to auth database timed out after 5.0s';

/** `GET /health` (contract section 3); the `auth-unhealthy` fault answers 503 with a reason. */
export function authHealth(faults: Faults, environment: string, startedAt: number): JsonAnswer {
  const timestamp = new Date().toISOString();
  if (faults.has('auth-unhealthy')) {
    return { status: 503, body: { status: 'unhealthy', service: AUTH_SERVICE, reason: UNHEALTHY_REASON, timestamp } };
  }
  return {
    status: 200,
    body: {
      status: 'healthy',
      service: AUTH_SERVICE,
      version: AUTH_VERSION,
      timestamp,
      uptime_seconds: Math.round((Date.now() - startedAt) / 10) / 100,
      environment,
    },
  };
}

/**
 * `GET /auth/health` is always HTTP 200; `unhealthy` in the body is the failure (section 3),
 * and the body is the two keys section 3 lists: the canonical answer, so that a client which
 * reports what the contract does not list finds nothing here.
 */
export function authHealthDetail(faults: Faults): JsonAnswer {
  const unhealthy = faults.has('auth-unhealthy');
  return { status: 200, body: { status: unhealthy ? 'unhealthy' : 'healthy', database_status: unhealthy ? 'disconnected' : 'connected' } };
}

/**
 * `GET /auth/config`. Endpoint URLs are built from the Host the client used, so they are right
 * whether the page reached the service as `localhost` or `127.0.0.1`.
 */
export function authConfig(req: IncomingMessage, frontendUrl: string | undefined): Record<string, unknown> {
  const base = `http://${req.headers.host ?? 'localhost'}`;
  const callback = `${frontendUrl ?? base}/auth/callback`;
  return {
    development_mode: true,
    oauth_enabled: false,
    google_client_id: GOOGLE_CLIENT_ID,
    endpoints: {
      login: `${base}/auth/login`,
      logout: `${base}/auth/logout`,
      callback,
      token: `${base}/auth/refresh`,
      user: `${base}/auth/me`,
      dev_login: `${base}/auth/dev/login`,
    },
    authorized_redirect_uris: [callback],
  };
}
