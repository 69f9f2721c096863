import type { AuthMode, GoldenConfig } from '../config/environment';
import { GoldenPathFailure } from '../contract/failure-classes';
import { excerpt, NetworkFailure, type HttpExchange, type RequestOptions } from './http-client';

/**
 * Obtains a token the way a user would (contract section 3): by the environment's AUTH_MODE,
 * from the auth service. The suite never holds the signing secret and never mints tokens.
 * There is no fallback from one way to another: a way that fails is AUTH_FAILED.
 */
export interface Tokens {
  accessToken: string;
  refreshToken: string | undefined;
  userId: string;
  email: string | undefined;
}

export type Http = (url: string, options: RequestOptions) => Promise<HttpExchange>;

export interface TokenRequest {
  /** For e2e-bypass: a distinct user per email (multi-user tests). */
  email?: string;
  timeoutMs: number;
  /** Overrides the environment's AUTH_MODE (the multi-user test always uses e2e-bypass). */
  mode?: AuthMode;
}

export async function obtainToken(config: GoldenConfig, http: Http, request: TokenRequest): Promise<Tokens> {
  const mode = request.mode ?? config.authMode;
  const { auth } = config.urls;
  const { secrets } = config;
  if (mode === 'token') {
    const accessToken = secrets.accessToken ?? '';
    return { accessToken, refreshToken: undefined, userId: subjectOf(accessToken) ?? '', email: undefined };
  }
  const call: { what: string; url: string; body: unknown; headers: Record<string, string> } =
    mode === 'dev-login'
      ? { what: 'dev login', url: `${auth}/auth/dev/login`, body: {}, headers: {} }
      : mode === 'password'
        ? { what: 'password login', url: `${auth}/auth/login`, body: { email: secrets.userEmail, password: secrets.userPassword }, headers: {} }
        : {
            what: 'e2e bypass',
            url: `${auth}/auth/e2e/test-auth`,
            body: { email: request.email ?? secrets.userEmail ?? 'golden-path@netra-e2e.test', name: 'Golden Path' },
            headers: { 'X-E2E-Bypass-Key': secrets.bypassKey ?? '' },
          };
  let res: HttpExchange;
  try {
    res = await http(call.url, { method: 'POST', body: call.body, headers: call.headers, timeoutMs: request.timeoutMs });
  } catch (error) {
    if (error instanceof NetworkFailure) throw new GoldenPathFailure('AUTH_FAILED', `${call.what} at ${call.url}: ${error.message}`);
    throw error;
  }
  const body = (res.json ?? {}) as { access_token?: unknown; refresh_token?: unknown; user?: { id?: unknown; email?: unknown } };
  if (res.status !== 200 || typeof body.access_token !== 'string' || !body.access_token) {
    throw new GoldenPathFailure(
      'AUTH_FAILED',
      `${call.what} at ${call.url} answered HTTP ${res.status} without a token: ${excerpt(res.text)}`,
    );
  }
  const accessToken = body.access_token;
  return {
    accessToken,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    userId: (typeof body.user?.id === 'string' ? body.user.id : undefined) ?? subjectOf(accessToken) ?? '',
    email: typeof body.user?.email === 'string' ? body.user.email : undefined,
  };
}

/** Reads `sub` from a JWT without verifying it (the page does the same, contract section 5). */
export function subjectOf(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}
