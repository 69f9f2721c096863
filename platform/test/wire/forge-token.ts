import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from './platform-fixture';

export interface ForgeOptions {
  iss?: string;
  expSecondsFromNow?: number;
  /** An absolute `exp` (unix seconds), for the out-of-range values a forger could sign. */
  exp?: number;
}

/**
 * A token signed with the test-only secret: what only a holder of the platform's secret could
 * make, so the platform's answer to it is about its own checks, never about the signature.
 */
export async function forgeToken(claims: Record<string, unknown>, options: ForgeOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: 'dev@example.com', permissions: ['read'], token_type: 'access', type: 'access', env: 'development', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('dev-user-001')
    .setIssuer(options.iss ?? 'netra-auth-service')
    .setAudience('netra-platform')
    .setIssuedAt(now - 3600)
    .setExpirationTime(options.exp ?? now + (options.expSecondsFromNow ?? 900))
    .setJti('forged-jti')
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

/** Any claims at all, signed with the test-only secret: what the fuzz suite throws at the checks after the signature. */
export function signClaims(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(TEST_JWT_SECRET));
}
