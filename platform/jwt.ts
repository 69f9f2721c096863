import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import { LIMITS } from './limits';

/** Contract section 3: the claims every token of the auth service carries. */
const TOKEN_ISSUER = 'netra-auth-service';
const TOKEN_AUDIENCE = 'netra-platform';
export const ACCESS_TOKEN_TTL_S = 900;
const REFRESH_TOKEN_TTL_S = 7 * 24 * 3600;

export type TokenKind = 'access' | 'refresh';

export interface TokenSubject {
  id: string;
  email: string;
  permissions: readonly string[];
}

export interface TokenClaims {
  sub: string;
  email: string;
  permissions: string[];
  iat: number;
  exp: number;
  token_type: TokenKind;
  type: TokenKind;
  iss: string;
  aud: string;
  jti: string;
  env: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export type TokenError = 'missing_token' | 'invalid_token' | 'token_expired' | 'invalid_token_type';

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; error: TokenError; detail: string };

/**
 * Signs and checks the platform's HS256 tokens. One instance is shared in-process by the auth
 * service (which issues) and the backend (which verifies), as the real services share
 * JWT_SECRET_KEY; the suite never holds the secret (contract section 3).
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly environment: string,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** The secret when given (JWT_SECRET_KEY), else a fresh random one for this process. */
  static create(secret: string | undefined, environment: string): TokenService {
    return new TokenService(secret && secret.length > 0 ? secret : randomBytes(32).toString('hex'), environment);
  }

  async issuePair(subject: TokenSubject): Promise<TokenPair> {
    const now = Math.floor(Date.now() / 1000);
    const [accessToken, refreshToken] = await Promise.all([
      this.sign(subject, 'access', now, ACCESS_TOKEN_TTL_S),
      this.sign(subject, 'refresh', now, REFRESH_TOKEN_TTL_S),
    ]);
    return { accessToken, refreshToken };
  }

  /**
   * Rejects what contract section 3 names: a wrong signature, `alg: none` (only HS256 is
   * accepted), a wrong issuer or audience, an expired `exp`, and a token of the other kind
   * (a refresh token presented as an access token).
   */
  async verify(token: string | undefined, expected: TokenKind): Promise<TokenCheck> {
    if (!token) return { ok: false, error: 'missing_token', detail: 'no token' };
    if (token.length > LIMITS.maxTokenChars) return { ok: false, error: 'invalid_token', detail: `token longer than ${LIMITS.maxTokenChars} characters` };
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      });
      const claims = payload as Partial<TokenClaims>;
      if (claims.token_type !== expected || claims.type !== expected) {
        return {
          ok: false,
          error: 'invalid_token_type',
          detail: `expected a ${expected} token, got ${String(claims.token_type ?? claims.type)}`,
        };
      }
      if (typeof claims.sub !== 'string' || typeof claims.email !== 'string' || !Array.isArray(claims.permissions)) {
        return { ok: false, error: 'invalid_token', detail: 'token lacks sub, email or permissions' };
      }
      // A signed `exp` of 9e15 is no instant an ISO 8601 `expires_at` can name (contract section
      // 4.2's time fields): such a token was never issued here, whoever signed it.
      if (!inTimeRange(claims.exp) || !inTimeRange(claims.iat)) {
        return { ok: false, error: 'invalid_token', detail: 'exp or iat outside the representable time range' };
      }
      return { ok: true, claims: claims as TokenClaims };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, error: 'token_expired', detail: 'token has expired' };
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, error: 'invalid_token', detail };
    }
  }

  private sign(subject: TokenSubject, kind: TokenKind, now: number, ttl: number): Promise<string> {
    return new SignJWT({
      email: subject.email,
      permissions: [...subject.permissions],
      token_type: kind,
      type: kind,
      env: this.environment,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .setJti(randomUUID())
      .sign(this.key);
  }
}

function inTimeRange(seconds: unknown): boolean {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 && seconds <= LIMITS.maxUnixSeconds;
}

/** `Authorization: Bearer <jwt>` → the token, else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
