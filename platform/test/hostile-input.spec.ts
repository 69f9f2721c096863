import { request } from 'node:http';
import { ClientSession, type SessionHost } from '../backend/client-session';
import { clientErrors } from '../backend/client-errors';
import { TokenService } from '../jwt';
import { parseVariants } from '../variants';
import { forgeToken } from './wire/forge-token';
import { heapAfterCollectionMb } from './wire/heap';
import { bearer, call } from './wire/platform-client';
import { expect, test } from './wire/platform-fixture';
import { RawSocket } from './wire/raw-socket';
import { type Frame, isBareCompletion, WireSocket } from './wire/wire-socket';

/**
 * What an attacker or a buggy client sends, each case once as it was found: the platform answers
 * that client with a clear error and keeps serving everyone else.
 */

const nested = (depth: number, leaf = '1'): string => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

async function expectAllHealthy(urls: { frontend: string; auth: string; backend: string }): Promise<void> {
  for (const url of [urls.frontend, urls.auth, urls.backend]) expect((await call(`${url}/health`)).status, url).toBe(200);
}

test('a 7,000-level context is refused with an error frame naming the depth limit; the socket and the services live on', async ({
  platform,
  devSocket: probe,
}) => {
  const frame = `{"type":"user_message","payload":{"content":"hello","context":${nested(7000)}}}`;
  probe.send(frame);
  const error = await probe.waitFor((f) => f['type'] === 'error_message', 2000, 'depth error frame');
  expect(error).toMatchObject({ error_code: 'MESSAGE_TOO_DEEP', details: { limit: 'max_json_depth', max: expect.any(Number) } });
  expect(String(error['error_message'])).toMatch(/deeper than \d+ levels/);
  // Long enough for the run's first timer, where the deep context used to be serialised.
  await probe.expectSilence(300);
  expect(probe.isClosed).toBe(false);
  await expectAllHealthy(platform.urls);
  const from = probe.frames.length;
  probe.send({ type: 'user_message', payload: { content: 'after the deep one', context: { source: 'page' } } });
  await probe.waitFor(isBareCompletion, 5000, 'a run on the same socket', from);
});

test('a context over its size limit is refused before the run starts, never echoed', async ({ devSocket: probe }) => {
  probe.send({ type: 'start_agent', payload: { user_request: 'hello', context: { blob: 'x'.repeat(64 * 1024) } } });
  const error = await probe.waitFor((f) => f['type'] === 'error_message', 2000, 'size error frame');
  expect(error).toMatchObject({ error_code: 'MESSAGE_TOO_LARGE', details: { field: 'context', limit: 'max_context_bytes' } });
  await probe.expectSilence(200);
});

test('a thread with 100,000-level metadata is refused with 422 and never stored; the list still answers', async ({ platform, devTokens }) => {
  const api = `${platform.urls.backend}/api/threads`;
  const headers = { ...bearer(devTokens.access_token), 'Content-Type': 'application/json' };
  const created = await call(api, { method: 'POST', headers, body: `{"title":"deep","metadata":${nested(100_000)}}` });
  expect(created.status).toBe(422);
  expect(created.body['detail']).toEqual([expect.objectContaining({ loc: ['body', 'metadata'], msg: expect.stringMatching(/deeper than \d+ levels/) })]);
  const list = await call(api, { headers: bearer(devTokens.access_token) });
  expect(list.status).toBe(200);
  expect(list.body).toEqual([]);
});

/** A request line that `fetch` would refuse to send. */
function rawGet(url: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname === 'localhost' ? '127.0.0.1' : hostname, port, path, headers, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('malformed percent-encoding and unparsable request targets answer 400 or 404, never 500', async ({ platform, devTokens }) => {
  const answers: Record<string, number> = {};
  for (const path of ['/api/threads/%ZZ', '/api/threads/%E0%A4%A/messages', '/api/threads/%']) {
    answers[`${path} (no token)`] = await rawGet(platform.urls.backend, path);
    answers[`${path} (token)`] = await rawGet(platform.urls.backend, path, bearer(devTokens.access_token));
  }
  for (const url of [platform.urls.backend, platform.urls.auth, platform.urls.frontend]) answers[`${url} absolute-form`] = await rawGet(url, 'http://[');
  for (const [what, status] of Object.entries(answers)) expect([400, 401, 404], what).toContain(status);
  await expectAllHealthy(platform.urls);
});

test('a correctly signed token with exp 9e15 is refused as invalid, never a 500', async ({ platform }) => {
  const token = await forgeToken({}, { exp: 9e15 });
  const validated = await call(`${platform.urls.auth}/auth/validate`, { method: 'POST', json: { token } });
  expect(validated.status).toBe(200);
  expect(validated.body).toEqual({ valid: false, error: 'invalid_token' });
  expect((await call(`${platform.urls.auth}/auth/me`, { headers: bearer(token) })).status).toBe(401);
  expect((await call(`${platform.urls.backend}/api/threads`, { headers: bearer(token) })).status).toBe(401);
  const probe = await WireSocket.open(platform.urls.ws, { token });
  expect((await probe.closedWithin(2000)).code).toBe(1008);
});

test.describe('a client that does not read', () => {
  test('200 messages of 512 KiB from a client that never reads leave the memory within bound', async ({ platform, devSocket: probe }) => {
    const before = heapAfterCollectionMb();
    const socket = (probe.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const big = 'x'.repeat(512 * 1024);
    for (let i = 0; i < 200; i++) probe.send({ type: 'user_message', payload: { content: `${i} ${big}` } });
    await new Promise<void>((resolve) => probe.ws.send('', () => resolve()));
    // Time for the server to read all of it and do whatever it does with it.
    await expect.poll(async () => (await call(`${platform.urls.backend}/ws/health`)).status, { timeout: 5000 }).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const grownMb = heapAfterCollectionMb() - before;
    test.info().annotations.push({ type: 'heap-growth-mb', description: grownMb.toFixed(1) });
    expect(grownMb).toBeLessThan(48);
    socket.resume();
    await expectAllHealthy(platform.urls);
  });

  test('frames past the pre-welcome limit get an error frame after the welcome; the socket stays usable', async ({ platform, devTokens }) => {
    const pings = Array.from({ length: 100 }, (_, i) => JSON.stringify({ type: 'ping', timestamp: i }));
    const raw = RawSocket.open(platform.urls.ws, devTokens.access_token, pings);
    try {
      await raw.waitFor((frames) => frames.some((f) => f['type'] === 'error_message'), 3000, 'pre-welcome overflow error');
      const frames = raw.json();
      expect(raw.status).toBe(101);
      expect(frames[0]!['type']).toBe('connection_established');
      const error = frames.find((f) => f['type'] === 'error_message')!;
      expect(error).toMatchObject({ error_code: 'TOO_MANY_PENDING_MESSAGES', details: { limit: 'max_pending_frames', max: 64, dropped: 36 } });
      raw.send(JSON.stringify({ type: 'ping', timestamp: 'after' }));
      await raw.waitFor((f) => f.some((x) => x['type'] === 'pong' && x['client_timestamp'] === 'after'), 3000, 'pong after the overflow');
    } finally {
      await raw.close();
    }
  });

  test('a socket whose unread output passes the buffered-bytes limit is closed with 1013', async () => {
    const tokens = new TokenService('unit-secret', 'development');
    const { accessToken } = await tokens.issuePair({ id: 'slow-reader', email: 'slow@example.com', permissions: [] });
    const closes: [number, string][] = [];
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const ws = {
      readyState: 1,
      bufferedAmount: 0,
      on: (event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener),
      send: () => undefined,
      close: (code: number, reason: string) => closes.push([code, reason]),
      terminate: () => undefined,
    };
    const host: SessionHost = {
      tokens,
      serverId: 'unit',
      heartbeatMs: 0,
      rejectAllTokens: false,
      silent: false,
      manner: { welcomeType: 'connection_established', errors: clientErrors(parseVariants(undefined)), latency: undefined },
      register: () => undefined,
      unregister: () => undefined,
      handleFrame: (session) => session.send({ type: 'ack' } satisfies Frame),
    };
    const session = new ClientSession(ws as never, host);
    await session.authenticate(accessToken);
    expect(closes).toEqual([]);
    ws.bufferedAmount = 64 * 1024 * 1024;
    listeners.get('message')?.(Buffer.from('{"type":"anything"}'), false);
    expect(closes).toEqual([[1013, expect.stringMatching(/not reading/i)]]);
  });
});
