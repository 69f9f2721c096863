import { call, bearer, BYPASS_KEY, decodeClaims, devLogin, e2eLogin, ISO, type TokenAnswer } from './wire/platform-client';
import { forgeToken } from './wire/forge-token';
import { expect, test } from './wire/platform-fixture';

/** The auth service against contract section 3 (and the local defaults of section 9). */

/** Tokens the service must refuse, forged with the (test-only) signing secret. */
const forge = forgeToken;

function algNone(valid: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  return `${header}.${valid.split('.')[1]}.`;
}

function tamper(valid: string): string {
  const [header, payload, signature] = valid.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
  return `${header}.${forged}.${signature}`;
}

function expectTokenShape(answer: TokenAnswer): void {
  expect(answer).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
  expect(answer.access_token.split('.')).toHaveLength(3);
  expect(answer.refresh_token.split('.')).toHaveLength(3);
}

test.describe('auth health and config', () => {
  test('GET /health and /auth/health are healthy', async ({ platform }) => {
    const health = await call(`${platform.urls.auth}/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'healthy', service: 'auth-service', version: '1.0.0', environment: 'development' });
    expect(health.body['timestamp']).toMatch(ISO);
    expect(typeof health.body['uptime_seconds']).toBe('number');
    expect(health.headers.get('date')).toBeTruthy();

    const detail = await call(`${platform.urls.auth}/auth/health`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 'healthy', database_status: 'connected' });
  });

  test('GET /auth/config describes a development service with dev login', async ({ platform }) => {
    const config = await call(`${platform.urls.auth}/auth/config`);
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ development_mode: true, oauth_enabled: false });
    const clientId = config.body['google_client_id'] as string;
    expect(clientId.length).toBeGreaterThanOrEqual(50);
    expect(clientId).not.toMatch(/^REPLACE_/);
    const endpoints = config.body['endpoints'] as Record<string, string>;
    for (const key of ['login', 'logout', 'callback', 'token', 'user', 'dev_login']) expect(endpoints[key]).toMatch(/^http:\/\//);
    expect(endpoints['dev_login']).toBe(`${platform.urls.auth}/auth/dev/login`);
    expect(config.body['authorized_redirect_uris']).toEqual([`${platform.urls.frontend}/auth/callback`]);
  });
});

test.describe('getting a token', () => {
  test('password login issues a Bearer pair with the contract claims', async ({ platform }) => {
    const answer = await call(`${platform.urls.auth}/auth/login`, { method: 'POST', json: { email: 'qa@netra.local', password: 'golden-path-local' } });
    expect(answer.status).toBe(200);
    const tokens = answer.body as unknown as TokenAnswer;
    expectTokenShape(tokens);
    expect(tokens.user.email).toBe('qa@netra.local');

    const access = decodeClaims(tokens.access_token);
    expect(access).toMatchObject({
      sub: tokens.user.id,
      email: 'qa@netra.local',
      token_type: 'access',
      type: 'access',
      iss: 'netra-auth-service',
      aud: 'netra-platform',
      env: 'development',
    });
    expect(access['permissions']).toEqual(expect.arrayContaining(['read']));
    expect((access['exp'] as number) - (access['iat'] as number)).toBe(900);
    expect(typeof access['jti']).toBe('string');
    expect(decodeClaims(tokens.refresh_token)).toMatchObject({ token_type: 'refresh', type: 'refresh' });
    const header = JSON.parse(Buffer.from(tokens.access_token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
    expect(header['alg']).toBe('HS256');
  });

  test('password login refuses wrong credentials with 401 and missing fields with 422', async ({ platform }) => {
    const url = `${platform.urls.auth}/auth/login`;
    const wrong = await call(url, { method: 'POST', json: { email: 'qa@netra.local', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ detail: 'Invalid credentials' });
    const unknown = await call(url, { method: 'POST', json: { email: 'who@netra.local', password: 'golden-path-local' } });
    expect(unknown.status).toBe(401);

    const missing = await call(url, { method: 'POST', json: { email: 'qa@netra.local' } });
    expect(missing.status).toBe(422);
    expect(missing.body['detail']).toEqual([expect.objectContaining({ type: 'missing', loc: ['body', 'password'] })]);
    const mistyped = await call(url, { method: 'POST', json: { email: 'qa@netra.local', password: 42 } });
    expect(mistyped.status).toBe(422);
  });

  test('malformed bodies answer 400/422 as JSON and the service keeps serving', async ({ platform }) => {
    const url = `${platform.urls.auth}/auth/login`;
    const malformed = await call(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email": "qa@' });
    expect(malformed.status).toBe(400);
    expect(typeof malformed.body['detail']).toBe('string');
    const array = await call(url, { method: 'POST', json: ['qa@netra.local'] });
    expect(array.status).toBe(422);
    const huge = await call(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"email":"${'x'.repeat(1_100_000)}"}` });
    expect(huge.status).toBe(413);
    expect((await call(`${platform.urls.auth}/health`)).status).toBe(200);
  });

  test('dev login issues tokens for dev-user-001', async ({ platform }) => {
    const tokens = await devLogin(platform.urls.auth);
    expectTokenShape(tokens);
    expect(tokens.user).toMatchObject({ id: 'dev-user-001', email: 'dev@example.com' });
    expect(decodeClaims(tokens.access_token)['sub']).toBe('dev-user-001');
  });

  test('the e2e bypass issues one distinct user per email', async ({ platform }) => {
    const alice = await e2eLogin(platform.urls.auth, 'alice@example.com');
    const bob = await e2eLogin(platform.urls.auth, 'bob@example.com');
    expectTokenShape(alice);
    expect(alice.user).toMatchObject({ id: 'e2e-alice', email: 'alice@example.com' });
    expect(bob.user.id).toBe('e2e-bob');

    const custom = await call(`${platform.urls.auth}/auth/e2e/test-auth`, {
      method: 'POST',
      headers: { 'X-E2E-Bypass-Key': BYPASS_KEY },
      json: { email: 'carol@example.com', name: 'Carol', permissions: ['read', 'admin'] },
    });
    expect(custom.status).toBe(200);
    expect(decodeClaims((custom.body as unknown as TokenAnswer).access_token)['permissions']).toEqual(['read', 'admin']);

    const badEmail = await call(`${platform.urls.auth}/auth/e2e/test-auth`, {
      method: 'POST',
      headers: { 'X-E2E-Bypass-Key': BYPASS_KEY },
      json: { email: 'not-an-email' },
    });
    expect(badEmail.status).toBe(422);
  });

  test('the e2e bypass issues one user per email local part (contract section 9)', async ({ platform }) => {
    const first = await e2eLogin(platform.urls.auth, 'golden-crowd-3-ab12@netra-e2e.test');
    const sameLocalPart = await e2eLogin(platform.urls.auth, 'golden-crowd-3-ab12@elsewhere.example');
    const other = await e2eLogin(platform.urls.auth, 'golden-crowd-4-ab12@netra-e2e.test');
    expect(first.user.id).toBe('e2e-golden-crowd-3-ab12');
    expect(sameLocalPart.user.id, 'the domain does not make another user').toBe(first.user.id);
    expect(decodeClaims(sameLocalPart.access_token)['sub']).toBe(first.user.id);
    expect(other.user.id).toBe('e2e-golden-crowd-4-ab12');

    // One user: what one of the two tokens creates, the other one sees; the other user does not.
    const api = `${platform.urls.backend}/api/threads`;
    const created = await call(api, { method: 'POST', headers: bearer(first.access_token), json: { title: 'shared by local part' } });
    expect(created.status).toBe(200);
    const titles = async (token: string): Promise<unknown[]> => ((await call(api, { headers: bearer(token) })).body as unknown as { title: string }[]).map((t) => t.title);
    expect(await titles(sameLocalPart.access_token)).toEqual(['shared by local part']);
    expect(await titles(other.access_token)).toEqual([]);

    const longLocalPart = await call(`${platform.urls.auth}/auth/e2e/test-auth`, {
      method: 'POST',
      headers: { 'X-E2E-Bypass-Key': BYPASS_KEY },
      json: { email: `${'a'.repeat(65)}@example.com` },
    });
    expect(longLocalPart.status, 'a local part is at most 64 characters (RFC 5321)').toBe(422);
    expect(longLocalPart.body['detail']).toEqual([expect.objectContaining({ loc: ['body', 'email'] })]);
  });

  test('the e2e bypass refuses a missing or wrong key with 401', async ({ platform }) => {
    const url = `${platform.urls.auth}/auth/e2e/test-auth`;
    const none = await call(url, { method: 'POST', json: { email: 'mallory@example.com' } });
    expect(none.status).toBe(401);
    const sameLength = 'x'.repeat(BYPASS_KEY.length);
    for (const key of [sameLength, 'short', `${BYPASS_KEY}-and-more`]) {
      const wrong = await call(url, { method: 'POST', headers: { 'X-E2E-Bypass-Key': key }, json: { email: 'mallory@example.com' } });
      expect(wrong.status, `key ${key}`).toBe(401);
      expect(wrong.body).not.toHaveProperty('access_token');
    }
  });
});

test.describe('using a token', () => {
  test('refresh turns a refresh token into a new pair and refuses anything else', async ({ platform }) => {
    const tokens = await devLogin(platform.urls.auth);
    const url = `${platform.urls.auth}/auth/refresh`;
    const renewed = await call(url, { method: 'POST', json: { refresh_token: tokens.refresh_token } });
    expect(renewed.status).toBe(200);
    expectTokenShape(renewed.body as unknown as TokenAnswer);
    expect(decodeClaims((renewed.body as unknown as TokenAnswer).access_token)['sub']).toBe('dev-user-001');

    expect((await call(url, { method: 'POST', json: { refresh_token: tokens.access_token } })).status).toBe(401);
    expect((await call(url, { method: 'POST', json: { refresh_token: 'garbage' } })).status).toBe(401);
    expect((await call(url, { method: 'POST', json: {} })).status).toBe(422);
  });

  test('validate accepts its own access token with an ISO expiry', async ({ platform }) => {
    const tokens = await devLogin(platform.urls.auth);
    const answer = await call(`${platform.urls.auth}/auth/validate`, { method: 'POST', json: { token: tokens.access_token } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ valid: true, user_id: 'dev-user-001', email: 'dev@example.com', permissions: ['read', 'write'] });
    expect(answer.body['expires_at']).toMatch(ISO);
  });

  test('validate refuses tampered, alg none, wrong issuer, expired and refresh tokens, always with 200', async ({ platform }) => {
    const tokens = await devLogin(platform.urls.auth);
    const cases: [string, string, string][] = [
      ['tampered signature', tamper(tokens.access_token), 'invalid_token'],
      ['alg none', algNone(tokens.access_token), 'invalid_token'],
      ['wrong issuer', await forge({}, { iss: 'someone-else' }), 'invalid_token'],
      ['expired', await forge({}, { expSecondsFromNow: -60 }), 'token_expired'],
      ['refresh as access', tokens.refresh_token, 'invalid_token_type'],
      ['not a jwt', 'hello', 'invalid_token'],
    ];
    for (const [name, token, error] of cases) {
      const answer = await call(`${platform.urls.auth}/auth/validate`, { method: 'POST', json: { token } });
      expect(answer.status, name).toBe(200);
      expect(answer.body, name).toEqual({ valid: false, error });
    }
    const control = await call(`${platform.urls.auth}/auth/validate`, { method: 'POST', json: { token: await forge({}) } });
    expect(control.body['valid'], 'a correctly forged token proves the secret is the one in use').toBe(true);
  });

  test('GET /auth/me answers for a Bearer access token and 401 otherwise', async ({ platform }) => {
    const tokens = await devLogin(platform.urls.auth);
    const me = await call(`${platform.urls.auth}/auth/me`, { headers: bearer(tokens.access_token) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user_id: 'dev-user-001', email: 'dev@example.com', permissions: ['read', 'write'] });
    expect(me.body['token_expires_at']).toMatch(ISO);

    expect((await call(`${platform.urls.auth}/auth/me`)).status).toBe(401);
    expect((await call(`${platform.urls.auth}/auth/me`, { headers: bearer(tokens.refresh_token) })).status).toBe(401);
    expect((await call(`${platform.urls.auth}/auth/me`, { headers: bearer(algNone(tokens.access_token)) })).status).toBe(401);
  });
});

test.describe('auth HTTP plumbing', () => {
  test('CORS: preflight answered and the origin echoed', async ({ platform }) => {
    const origin = platform.urls.frontend;
    const preflight = await fetch(`${platform.urls.auth}/auth/e2e/test-auth`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-e2e-bypass-key' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'x-e2e-bypass-key']) expect(allowed).toContain(header);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');

    const real = await call(`${platform.urls.auth}/auth/dev/login`, { method: 'POST', headers: { Origin: origin }, json: {} });
    expect(real.headers.get('access-control-allow-origin')).toBe(origin);
  });

  test('unknown routes answer 404 and wrong methods 405, as JSON', async ({ platform }) => {
    const missing = await call(`${platform.urls.auth}/auth/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Not Found' });
    const method = await call(`${platform.urls.auth}/auth/login`);
    expect(method.status).toBe(405);
  });
});
