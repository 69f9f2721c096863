import type { Faults } from '../faults';
import type { JsonAnswer } from '../http/respond';

const BACKEND_SERVICE = 'netra-ai-platform';
const BACKEND_VERSION = '1.0.0';

/** The message the real staging backend gave when Phase 7 start-up validation failed. */
const STARTUP_FAILED = 'Startup failed: Phase 7 health validation - 1 critical services unhealthy (llm_manager)';

export interface HealthContext {
  faults: Faults;
  environment: string;
  startedAt: number;
  activeConnections: () => number;
}

/** `GET /health`: unix-seconds float timestamp (contract section 2). */
export function health(ctx: HealthContext): JsonAnswer {
  const timestamp = Date.now() / 1000;
  if (ctx.faults.has('health-503')) return { status: 503, body: { status: 'unhealthy', message: STARTUP_FAILED, timestamp } };
  return { status: 200, body: { status: 'healthy', service: BACKEND_SERVICE, version: BACKEND_VERSION, timestamp } };
}

/** `GET /health/live` is always 200: the process is alive even when start-up failed. */
export function liveness(ctx: HealthContext): JsonAnswer {
  return {
    status: 200,
    body: {
      status: 'healthy',
      service: BACKEND_SERVICE,
      version: BACKEND_VERSION,
      timestamp: new Date().toISOString(),
      environment: ctx.environment,
    },
  };
}

export function readiness(ctx: HealthContext): JsonAnswer {
  if (ctx.faults.has('health-503')) {
    return { status: 503, body: { status: 'unhealthy', message: `${STARTUP_FAILED} - not ready` } };
  }
  return {
    status: 200,
    body: {
      status: 'ready',
      service: BACKEND_SERVICE,
      timestamp: new Date().toISOString(),
      environment: ctx.environment,
      core_db: 'connected',
      redis_db: 'connected',
      clickhouse_db: 'connected',
      websocket_readiness: { status: 'ready', websocket_ready: true },
    },
  };
}

interface DependencyCheck {
  status: 'healthy' | 'degraded' | 'failed' | 'not_configured';
  connected: boolean;
  response_time_ms: number;
  error: string | null;
}

/** Response times in the range staging reported (101 ms, 18 ms, 42 ms), jittered. */
function healthyCheck(baseMs: number): DependencyCheck {
  return { status: 'healthy', connected: true, response_time_ms: Math.round((baseMs + Math.random() * baseMs) * 100) / 100, error: null };
}

/**
 * `GET /api/health`. `api-health-degraded` slows ClickHouse only: a pass with a warning for the
 * suite. `health-503` fails Postgres, which the real backend reports as 503 with the whole
 * object under `detail` (contract section 2).
 */
export function apiHealth(ctx: HealthContext): JsonAnswer {
  const checks: Record<string, DependencyCheck> = {
    postgresql: healthyCheck(2),
    redis: healthyCheck(0.5),
    clickhouse: healthyCheck(3),
  };
  let status: 'healthy' | 'degraded' | 'unhealthy' = 'healthy';
  if (ctx.faults.has('health-503')) {
    checks['postgresql'] = {
      status: 'failed',
      connected: false,
      response_time_ms: 5000,
      error: 'connection to server at "postgres" failed: timeout expired',
    };
    status = 'unhealthy';
  } else if (ctx.faults.has('api-health-degraded')) {
    checks['clickhouse'] = {
      status: 'degraded',
      connected: true,
      response_time_ms: 1843.27,
      error: 'Slow response: query latency above the 1000 ms threshold',
    };
    status = 'degraded';
  }
  const body = {
    status,
    timestamp: new Date().toISOString(),
    uptime_seconds: Math.round((Date.now() - ctx.startedAt) / 10) / 100,
    checks,
    version: BACKEND_VERSION,
    environment: ctx.environment,
  };
  return status === 'unhealthy' ? { status: 503, body: { detail: body } } : { status: 200, body };
}

export function socketHealth(ctx: HealthContext): JsonAnswer {
  return {
    status: 200,
    body: {
      status: 'healthy',
      timestamp: new Date().toISOString(),
      mode: 'main',
      components: {
        websocket_manager: { status: 'healthy', active_connections: ctx.activeConnections() },
        agent_registry: { status: 'healthy', agents: ['supervisor'] },
      },
    },
  };
}

/** `GET /ws/config`: exactly the contract's values (section 2). */
export function socketConfig(): JsonAnswer {
  return {
    status: 200,
    body: { websocket_config: { heartbeat_interval: 30, connection_timeout: 300, max_message_size: 1048576 } },
  };
}
