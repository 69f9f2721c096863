import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from '../faults';
import { requireAccessToken } from '../http/bearer-auth';
import { notAString, readFields, tooLong } from '../http/request';
import { LIMITS } from '../limits';
import { type FieldIssue, sendJson, sendUnprocessable } from '../http/respond';
import { ACCESS_TOKEN_TTL_S, type TokenService } from '../jwt';
import { type AuthUser, DEV_USER, type LocalCredentials, e2eUser, passwordUser, secretMatches } from './users';

export interface AuthContext {
  tokens: TokenService;
  faults: Faults;
  credentials: LocalCredentials;
}

const INVALID_CREDENTIALS = { detail: 'Invalid credentials' };

async function sendTokens(res: ServerResponse, ctx: AuthContext, user: AuthUser): Promise<void> {
  const pair = await ctx.tokens.issuePair(user);
  sendJson(res, 200, {
    access_token: pair.accessToken,
    refresh_token: pair.refreshToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_S,
    user: { id: user.id, email: user.email, name: user.name },
  });
}

/** `POST /auth/login`; the `login-401` fault refuses every token-issuing endpoint (section 3). */
export async function login(req: IncomingMessage, res: ServerResponse, ctx: AuthContext): Promise<void> {
  const body = await readFields(req, res, ['email', 'password']);
  if (!body) return;
  const email = body['email'] as string;
  const password = body['password'] as string;
  const known = email.toLowerCase() === ctx.credentials.passwordEmail.toLowerCase();
  const passwordOk = secretMatches(password, ctx.credentials.password);
  if (ctx.faults.has('login-401') || !known || !passwordOk) return sendJson(res, 401, INVALID_CREDENTIALS);
  await sendTokens(res, ctx, passwordUser(ctx.credentials.passwordEmail));
}

/** `POST /auth/dev/login`: the reference platform always runs in development (section 9). */
export async function devLogin(req: IncomingMessage, res: ServerResponse, ctx: AuthContext): Promise<void> {
  const body = await readFields(req, res, []);
  if (!body) return;
  if (ctx.faults.has('login-401')) return sendJson(res, 401, INVALID_CREDENTIALS);
  await sendTokens(res, ctx, DEV_USER);
}

const DEFAULT_E2E_EMAIL = 'e2e-user@netra.local';

/**
 * The e2e bypass body, bounded: each field ends up in the tokens and in every answer that names
 * the user, so none of them may be longer than a real one would be.
 */
function e2eIssues(body: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { email = DEFAULT_E2E_EMAIL, name, permissions } = body;
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    issues.push({ type: 'value_error', loc: ['body', 'email'], msg: 'value is not a valid email address' });
  } else if (email.length > LIMITS.maxEmailChars || email.indexOf('@') > LIMITS.maxLocalPartChars) {
    issues.push({
      type: 'value_error',
      loc: ['body', 'email'],
      msg: `value is not a valid email address: at most ${LIMITS.maxEmailChars} characters, ${LIMITS.maxLocalPartChars} before the @`,
    });
  }
  if (name !== undefined && typeof name !== 'string') issues.push(notAString('name'));
  else if (typeof name === 'string' && name.length > LIMITS.maxNameChars) issues.push(tooLong('name', LIMITS.maxNameChars));
  const permissionsOk =
    permissions === undefined ||
    (Array.isArray(permissions) &&
      permissions.length <= LIMITS.maxPermissions &&
      permissions.every((p) => typeof p === 'string' && p.length <= LIMITS.maxPermissionChars));
  if (!permissionsOk) {
    issues.push({
      type: 'list_type',
      loc: ['body', 'permissions'],
      msg: `Input should be a list of at most ${LIMITS.maxPermissions} strings of at most ${LIMITS.maxPermissionChars} characters`,
    });
  }
  return issues;
}

/**
 * `POST /auth/e2e/test-auth`: the staging way in. One user per email local part (contract
 * section 9: `e2e-<local part>`), so a multi-user test gives each user its own local part.
 */
export async function e2eTestAuth(req: IncomingMessage, res: ServerResponse, ctx: AuthContext): Promise<void> {
  if (ctx.credentials.bypassKey === '') {
    return sendJson(res, 503, { detail: 'E2E bypass is not configured' });
  }
  const offered = req.headers['x-e2e-bypass-key'];
  const key = Array.isArray(offered) ? offered[0] : offered;
  if (!secretMatches(key, ctx.credentials.bypassKey)) {
    return sendJson(res, 401, { detail: key === undefined ? 'Missing E2E bypass key' : 'Invalid E2E bypass key' });
  }
  const body = await readFields(req, res, []);
  if (!body) return;
  const issues = e2eIssues(body);
  const { email = DEFAULT_E2E_EMAIL, name, permissions } = body;
  if (issues.length > 0) return sendUnprocessable(res, issues);
  if (ctx.faults.has('login-401')) return sendJson(res, 401, INVALID_CREDENTIALS);
  await sendTokens(res, ctx, e2eUser(email as string, name as string | undefined, permissions as string[] | undefined));
}

/** `POST /auth/refresh`: a refresh token buys a new pair; anything else is 401. */
export async function refresh(req: IncomingMessage, res: ServerResponse, ctx: AuthContext): Promise<void> {
  const body = await readFields(req, res, ['refresh_token']);
  if (!body) return;
  const check = await ctx.tokens.verify(body['refresh_token'] as string, 'refresh');
  if (!check.ok) return sendJson(res, 401, { detail: 'Invalid refresh token', error: check.error });
  const { sub, email, permissions } = check.claims;
  await sendTokens(res, ctx, { id: sub, email, name: email, permissions });
}

/** `POST /auth/validate` answers HTTP 200 whatever the verdict (section 3). */
export async function validate(req: IncomingMessage, res: ServerResponse, ctx: AuthContext): Promise<void> {
  const body = await readFields(req, res, []);
  if (!body) return;
  const token = body['token'];
  const check = await ctx.tokens.verify(typeof token === 'string' ? token : undefined, 'access');
  if (!check.ok) return sendJson(res, 200, { valid: false, error: check.error });
  sendJson(res, 200, {
    valid: true,
    user_id: check.claims.sub,
    email: check.claims.email,
    permissions: check.claims.permissions,
    expires_at: new Date(check.claims.exp * 1000).toISOString(),
  });
}

/** `GET /auth/me` with a Bearer access token. */
export async function me(req: IncomingMessage, res: ServerResponse, ctx: AuthContext): Promise<void> {
  const claims = await requireAccessToken(req, res, ctx.tokens);
  if (!claims) return;
  sendJson(res, 200, {
    user_id: claims.sub,
    email: claims.email,
    permissions: claims.permissions,
    token_expires_at: new Date(claims.exp * 1000).toISOString(),
  });
}

/** `POST /auth/logout`: tokens are stateless here; the page only needs a 200. */
export async function logout(_req: IncomingMessage, res: ServerResponse): Promise<void> {
  sendJson(res, 200, { success: true, message: 'Logged out' });
}
