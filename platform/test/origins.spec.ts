import { bearer, call } from './wire/platform-client';
import { expect, test } from './wire/platform-fixture';
import { WireSocket, UpgradeRejected } from './wire/wire-socket';

/**
 * CORS and Origin by allow-list: the page on the platform's own frontend origin works (contract
 * section 5: its calls must not be refused), and no other website can use a user's credentials.
 */

const FOREIGN = ['https://evil.example', 'null', 'http://localhost:1'];

function ownOrigins(frontendUrl: string): string[] {
  const { port } = new URL(frontendUrl);
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

function preflight(url: string, origin: string, headers = 'content-type,authorization,x-e2e-bypass-key'): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': headers },
    signal: AbortSignal.timeout(5000),
  });
}

test('the frontend origin, by either loopback name, gets CORS with credentials on auth and backend', async ({ platform }) => {
  for (const origin of ownOrigins(platform.urls.frontend)) {
    for (const url of [`${platform.urls.auth}/auth/dev/login`, `${platform.urls.backend}/api/threads`]) {
      const answer = await preflight(url, origin);
      expect(answer.status, `${origin} → ${url}`).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
    }
    const login = await call(`${platform.urls.auth}/auth/dev/login`, { method: 'POST', headers: { Origin: origin }, json: {} });
    expect(login.status).toBe(200);
    expect(login.headers.get('access-control-allow-origin')).toBe(origin);
  }
});

test('any other origin, null included, gets no CORS grant and cannot sign in', async ({ platform }) => {
  for (const origin of FOREIGN) {
    for (const url of [`${platform.urls.auth}/auth/dev/login`, `${platform.urls.backend}/api/threads`]) {
      const answer = await preflight(url, origin);
      expect(answer.status, `${origin} → ${url}`).toBe(403);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const login = await call(`${platform.urls.auth}/auth/dev/login`, { method: 'POST', headers: { Origin: origin }, json: {} });
    expect(login.status, origin).toBe(403);
    expect(login.body).not.toHaveProperty('access_token');
    expect(login.headers.get('access-control-allow-origin')).toBeNull();
    const health = await call(`${platform.urls.backend}/health`, { headers: { Origin: origin } });
    expect(health.status, 'reading is harmless; the browser just gets no grant').toBe(200);
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
  }
});

test('JSON endpoints take application/json only (415 otherwise); bodiless POSTs still work', async ({ platform, devTokens }) => {
  const devLogin = `${platform.urls.auth}/auth/dev/login`;
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const answer = await call(devLogin, { method: 'POST', headers: { 'Content-Type': type }, body: '{}' });
    expect(answer.status, type).toBe(415);
    expect(answer.body).not.toHaveProperty('access_token');
  }
  const noType = await call(devLogin, { method: 'POST', body: new Blob(['{}']) });
  expect(noType.status, 'a body without a Content-Type').toBe(415);
  const threads = await call(`${platform.urls.backend}/api/threads`, {
    method: 'POST',
    headers: { ...bearer(devTokens.access_token), 'Content-Type': 'text/plain' },
    body: '{"title":"via text/plain"}',
  });
  expect(threads.status).toBe(415);

  expect((await call(devLogin, { method: 'POST' })).status, 'a POST without a body').toBe(200);
  expect((await call(`${platform.urls.auth}/auth/logout`, { method: 'POST' })).status).toBe(200);
  const charset = await call(devLogin, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{}' });
  expect(charset.status).toBe(200);
});

test('the socket upgrade refuses a foreign Origin with 403 and accepts its own origin or none', async ({ platform, devTokens }) => {
  const token = devTokens.access_token;
  for (const origin of FOREIGN) {
    const error = await WireSocket.open(platform.urls.ws, { token, origin }).catch((e: unknown) => e);
    expect(error, origin).toBeInstanceOf(UpgradeRejected);
    expect((error as UpgradeRejected).status).toBe(403);
  }
  for (const origin of [...ownOrigins(platform.urls.frontend), undefined]) {
    const probe = await WireSocket.welcomed(platform.urls.ws, { token, ...(origin ? { origin } : {}) });
    probe.close();
  }
});

test.describe('configured origins', () => {
  test.use({ platformOptions: { allowedOrigins: ['https://preview.netra.example'] } });

  test('an origin from the configuration is granted, next to the frontend origin', async ({ platform }) => {
    const answer = await preflight(`${platform.urls.auth}/auth/refresh`, 'https://preview.netra.example');
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://preview.netra.example');
    expect((await preflight(`${platform.urls.auth}/auth/refresh`, ownOrigins(platform.urls.frontend)[0]!)).status).toBe(204);
  });
});
