// The session lives where the real Netra page keeps it: localStorage `jwt_token` and
// `refresh_token` (contract section 5), so a test may seed it before the first script runs.

const TOKEN_KEY = 'jwt_token';
const REFRESH_KEY = 'refresh_token';

/** Seconds of slack before `exp` at which a token is treated as expired. */
const EXPIRY_SLACK_S = 5;

export function storeTokens(token, refresh) {
  localStorage.setItem(TOKEN_KEY, token);
  if (refresh) localStorage.setItem(REFRESH_KEY, refresh);
}

export function clearSession() {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(REFRESH_KEY);
}

/**
 * The page decodes the JWT itself, like the real one: base64url payload, no verification
 * (the backend verifies). Returns null for anything that is not a three-part JWT with a JSON payload.
 */
function decodeJwt(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) return null;
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json);
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

/** @returns {{ token: string, refresh: string | null, claims: { sub?: string, email?: string, exp?: number } } | null} */
export function readSession() {
  const token = localStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const claims = decodeJwt(token);
  if (!claims) return null;
  return { token, refresh: localStorage.getItem(REFRESH_KEY), claims };
}

export function isExpired(claims) {
  return typeof claims.exp === 'number' && claims.exp - EXPIRY_SLACK_S <= Date.now() / 1000;
}

/**
 * Takes `token` and `refresh` from the query, stores them and removes them from the address
 * bar (history.replaceState), so a token never stays in the URL, the history or a screenshot.
 * Returns true when a token was found.
 */
export function takeTokensFromUrl() {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  const refresh = url.searchParams.get('refresh');
  if (!token) return false;
  storeTokens(token, refresh);
  url.searchParams.delete('token');
  url.searchParams.delete('refresh');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  return true;
}

/** `/auth/refresh` (contract section 3); null when the auth service refuses. */
export async function refreshSession(authUrl, refresh) {
  if (!refresh) return null;
  const res = await fetch(`${authUrl}/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: refresh }),
  });
  if (!res.ok) return null;
  const body = await res.json();
  if (typeof body.access_token !== 'string') return null;
  storeTokens(body.access_token, body.refresh_token ?? refresh);
  return readSession();
}

/** The browser's socket subprotocol carries the token as base64url without padding (contract section 4). */
export function base64UrlEncode(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
