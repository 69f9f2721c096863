import { createHash, timingSafeEqual } from 'node:crypto';
import type { TokenSubject } from '../jwt';

/** Contract section 9: local, not secrets, overridable by the platform's environment. */
export interface LocalCredentials {
  passwordEmail: string;
  password: string;
  bypassKey: string;
}

export const DEFAULT_CREDENTIALS: LocalCredentials = {
  passwordEmail: 'qa@netra.local',
  password: 'golden-path-local',
  bypassKey: 'local-e2e-bypass-key',
};

export interface AuthUser extends TokenSubject {
  name: string;
}

const DEFAULT_PERMISSIONS = ['read', 'write'] as const;

export const DEV_USER: AuthUser = {
  id: 'dev-user-001',
  email: 'dev@example.com',
  name: 'Development User',
  permissions: DEFAULT_PERMISSIONS,
};

function localPart(email: string): string {
  return email.split('@', 1)[0]!.toLowerCase();
}

export function passwordUser(email: string): AuthUser {
  return { id: `local-${localPart(email)}`, email, name: 'QA Synthetic User', permissions: DEFAULT_PERMISSIONS };
}

/**
 * The e2e bypass issues one user per email local part (contract section 9): `alice@a.test` and
 * `alice@b.test` are the same user `e2e-alice`, so a multi-user test gives each user its own
 * local part; it is lower-cased, so `Alice@` and `alice@` are one user too.
 */
export function e2eUser(email: string, name: string | undefined, permissions: readonly string[] | undefined): AuthUser {
  return {
    id: `e2e-${localPart(email)}`,
    email,
    name: name ?? `E2E ${localPart(email)}`,
    permissions: permissions ?? DEFAULT_PERMISSIONS,
  };
}

/**
 * Constant-time comparison of the bypass key and the password (a local stand-in should not teach
 * bad habits). Hashing first gives equal-length buffers, so neither the content nor the length
 * of the expected secret leaks through timing.
 */
export function secretMatches(offered: string | undefined, expected: string): boolean {
  if (offered === undefined) return false;
  const a = createHash('sha256').update(offered).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
