/**
 * The frontend's aggregate health (contract section 5): it asks the backend and the auth
 * service for their own `/health`, as the real Next.js `/health` route does, and reports each
 * as a dependency. A failing dependency makes the frontend "degraded", never a 5xx: the page
 * itself is still served, and the contract keeps this endpoint at HTTP 200.
 */

/** Short enough to stay inside the health budget (contract section 6: hard 5 s) with both checks in parallel. */
const DEPENDENCY_TIMEOUT_MS = 2000;

export interface DependencyHealth {
  status: 'healthy' | 'unhealthy';
  url: string;
  response_time_ms: number;
  http_status: number | null;
  details: unknown;
  error: string | null;
}

/** The simple body of the real frontend's `/api/health`: the frontend process itself, no dependencies. */
export function selfHealth(startedAt: number) {
  return {
    status: 'healthy' as const,
    service: 'frontend' as const,
    version: '1.0.0',
    timestamp: new Date().toISOString(),
    uptime_seconds: Math.round((Date.now() - startedAt) / 100) / 10,
  };
}

/** `/health`: the frontend's own answer with both dependencies, asked in parallel. */
export async function aggregateHealth(backendUrl: string, authUrl: string, startedAt: number) {
  const [backend, auth] = await Promise.all([checkDependency(`${backendUrl}/health`), checkDependency(`${authUrl}/health`)]);
  const healthy = backend.status === 'healthy' && auth.status === 'healthy';
  return { ...selfHealth(startedAt), status: healthy ? ('healthy' as const) : ('degraded' as const), dependencies: { backend, auth } };
}

async function checkDependency(url: string): Promise<DependencyHealth> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(DEPENDENCY_TIMEOUT_MS) });
    const text = await res.text();
    let details: unknown = text;
    try {
      details = JSON.parse(text);
    } catch {
      // a non-JSON body is still worth showing as it came
    }
    // A 200 that says "unhealthy" is not healthy (contract section 3: /auth/health's own rule).
    const saysUnhealthy =
      typeof details === 'object' && details !== null && (details as { status?: unknown }).status === 'unhealthy';
    const ok = res.ok && !saysUnhealthy;
    return {
      status: ok ? 'healthy' : 'unhealthy',
      url,
      response_time_ms: elapsed(),
      http_status: res.status,
      details,
      error: ok ? null : `HTTP ${res.status}`,
    };
  } catch (error) {
    const err = error as Error;
    const reason = err.name === 'TimeoutError' ? `no answer within ${DEPENDENCY_TIMEOUT_MS} ms` : describeFetchError(err);
    return { status: 'unhealthy', url, response_time_ms: elapsed(), http_status: null, details: null, error: reason };
  }
}

/** undici hides the useful part (ECONNREFUSED …) in `cause`. */
function describeFetchError(err: Error): string {
  const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? err.message;
}
