/**
 * Masks secrets in everything the suite writes. Two nets: the
 * known secret values of the environment (passwords, the bypass key, a ready token), and the
 * shapes a token takes on the wire: a JWT, and the `jwt.<base64url(JWT)>` subprotocol entry.
 */
export const MASK = '***';

/** A compact JWS: three base64url parts, the header starting `eyJ` ('{"'). */
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;
/** base64url('{"') is `eyJ`; base64url of a JWT therefore starts `ZXlK`. */
const ENCODED_JWT = /ZXlK[A-Za-z0-9_-]{20,}/g;
/** The start of a JWT once a base64url run is decoded: header, dot, payload. */
const JWT_START = /^eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/;
/**
 * Token shapes that hold for opaque tokens too (the real platform's refresh token need not be
 * a JWT, and the main process never learns the tokens a worker obtained): a bearer credential,
 * the subprotocol entry, and the value of a JSON field whose name says it is a secret, also
 * inside a JSON string (the trace records `addInitScript`'s argument that way).
 */
const BEARER = /\b(Bearer\s+)(?!\*\*\*)[A-Za-z0-9._~+/=-]{8,}/g;
const SUBPROTOCOL = /\b(jwt\.)(?!\*\*\*)[A-Za-z0-9_-]{16,}/g;
const SECRET_FIELD =
  /((?:\\)?"(?:access_token|refresh_token|id_token|jwt_token|token|accessToken|refreshToken|password|client_secret|secret|api_key|bypass_key)(?:\\)?"\s*:\s*(?:\\)?")(?!\*\*\*)[^"\\]{6,}/g;
/** The variables whose values are secrets, wherever they came from. */
export const SECRET_VARIABLES = ['TEST_USER_PASSWORD', 'E2E_BYPASS_KEY', 'ACCESS_TOKEN', 'JWT_SECRET_KEY'] as const;

const knownSecrets = new Set<string>();

/** Registers a value to mask (a secret from the environment, a token obtained at run time). */
export function registerSecret(value: string | undefined): void {
  // Very short values would mask ordinary words; secrets that short are a config problem anyway.
  if (value && value.length >= 6) knownSecrets.add(value);
}

export function registerSecretsFromEnv(env: NodeJS.ProcessEnv = process.env, extra: Record<string, string | undefined> = {}): void {
  for (const name of SECRET_VARIABLES) registerSecret(env[name]);
  for (const value of Object.values(extra)) registerSecret(value);
}

export function redactText(text: string): string {
  let out = text
    .replace(JWT, MASK)
    .replace(ENCODED_JWT, MASK)
    .replace(BEARER, `$1${MASK}`)
    .replace(SUBPROTOCOL, `$1${MASK}`)
    .replace(SECRET_FIELD, `$1${MASK}`);
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
    // Secrets also travel URL-encoded (query strings, form bodies).
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(MASK);
  }
  return out;
}

/** Whether a text still holds a secret or a token shape: the secret scan's test. */
export function findSecrets(text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const s of secrets) if (s && text.includes(s)) found.push(`a known secret (${s.slice(0, 3)}…)`);
  for (const m of text.match(JWT) ?? []) found.push(`a JWT (${m.slice(0, 12)}…)`);
  for (const m of text.match(ENCODED_JWT) ?? []) {
    // `ZXlK` also turns up by chance in long base64 (a bundled font in a report's script): only
    // a run that decodes to a JWT counts. Redaction stays broad; the scan has to be exact.
    if (JWT_START.test(Buffer.from(m, 'base64url').toString('latin1'))) found.push(`a base64url-encoded JWT (${m.slice(0, 8)}…)`);
  }
  return found;
}
