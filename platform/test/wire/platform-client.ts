export interface JsonAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  user: { id: string; email: string };
}

export const BYPASS_KEY = 'local-e2e-bypass-key';

/** An ISO 8601 UTC time, as the contract's `timestamp`, `expires_at` and `token_expires_at` are. */
export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** One JSON request; the body is parsed whatever the status, since errors are JSON too. */
export async function call(url: string, init: RequestInit & { json?: unknown } = {}): Promise<JsonAnswer> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url, { ...init, headers, body, signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as JsonAnswer['body'] };
}

export async function devLogin(authUrl: string): Promise<TokenAnswer> {
  const answer = await call(`${authUrl}/auth/dev/login`, { method: 'POST', json: {} });
  if (answer.status !== 200) throw new Error(`dev login answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as unknown as TokenAnswer;
}

/** A distinct user per email (contract section 9), for isolation tests. */
export async function e2eLogin(authUrl: string, email: string): Promise<TokenAnswer> {
  const answer = await call(`${authUrl}/auth/e2e/test-auth`, { method: 'POST', headers: { 'X-E2E-Bypass-Key': BYPASS_KEY }, json: { email } });
  if (answer.status !== 200) throw new Error(`e2e bypass answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as unknown as TokenAnswer;
}

export function decodeClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
