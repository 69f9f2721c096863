import fc from 'fast-check';
import type { RunningPlatform } from '../start';
import * as arb from './fuzz/arbitraries';
import { type FamilyResult, fuzzFamily } from './fuzz/fuzz-run';
import { type RawAnswer, type RawRequest, pooled, send } from './fuzz/http-batch';
import { upgrade } from './fuzz/upgrade';
import { signClaims } from './wire/forge-token';
import { heapAfterCollectionMb } from './wire/heap';
import { BYPASS_KEY } from './wire/platform-client';
import { expect, test } from './wire/platform-fixture';
import { WireSocket } from './wire/wire-socket';

/**
 * Property-based: thousands of generated inputs per endpoint family (arbitrary JSON, bytes,
 * nesting, sizes, content types, origins, tokens) against a fresh platform. After every batch
 * all three services answer `/health`, no answer was a 5xx or a dropped connection, and the
 * process's memory is back within a bound.
 */

const INPUTS_PER_FAMILY = 2_000;
const BATCH = 200;
const CONCURRENCY = 8;
/**
 * A bound against a hang, not a speed check: a family costs about 6 s of CPU; measured on the
 * shared 2-core machine, 14–33 s a family at a load average of 29, up to 75 s at 28 with more
 * of it taken by others.
 */
const FAMILY_TIME_LIMIT_MS = 90_000;
/** Heap growth allowed over the start of the family, after a full collection. */
const HEAP_BOUND_MB = 64;

// Runs pace at 1 ms so that the thousands a frame family starts end within its batch.
test.use({ platformOptions: { agentStepMs: 1, heartbeatMs: 0 } });

async function checkServing(platform: RunningPlatform, heapAtStartMb: number): Promise<void> {
  for (const base of [platform.urls.frontend, platform.urls.auth, platform.urls.backend]) {
    const answer = await send({ base, method: 'GET', path: '/health', headers: {} });
    expect(answer.status, `${base}/health after the batch: ${answer.body.slice(0, 300)}`).toBe(200);
  }
  const grownMb = heapAfterCollectionMb() - heapAtStartMb;
  expect(grownMb, 'heap growth after a full collection, MB').toBeLessThan(HEAP_BOUND_MB);
}

/**
 * Whatever came in, the answer is the client's: below 500, and JSON from auth and the backend.
 * A plain function, not `expect` per answer: Playwright records every `expect` as a step with
 * its stack, which for thousands of answers costs more than sending them. One `expect` per
 * batch says which answers were wrong.
 */
function wrongAnswer(answer: RawAnswer, r: RawRequest, json: boolean): string | undefined {
  const what = `${r.method} ${r.base}${r.path.slice(0, 200)} → ${answer.status} ${answer.body.slice(0, 300)}`;
  if (answer.status < 200 || answer.status >= 500) return what;
  if (!json || answer.body === '' || r.method === 'HEAD') return undefined;
  try {
    JSON.parse(answer.body);
    return undefined;
  } catch {
    return `${what} (not JSON)`;
  }
}

function headersOf(i: { contentType?: string; origin?: string }, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(i.contentType !== undefined ? { 'Content-Type': i.contentType } : {}), ...(i.origin !== undefined ? { Origin: i.origin } : {}), ...extra };
}

async function tokenText(t: arb.TokenInput): Promise<string> {
  return t.kind === 'raw' ? t.value : signClaims(t.claims);
}

/** The counts and time of a family, on the test (the list reporter shows none, the JSON and HTML ones do). */
function report(result: FamilyResult): number {
  test.info().annotations.push({ type: 'fuzz', description: `${result.inputs} inputs in ${result.batches} batches, ${result.ms} ms` });
  process.stdout.write(`fuzz ${test.info().title}: ${result.inputs} inputs in ${result.batches} batches, ${result.ms} ms\n`);
  return result.inputs;
}

const BOUNDS = { batchSize: BATCH, minInputs: INPUTS_PER_FAMILY, timeLimitMs: FAMILY_TIME_LIMIT_MS };

/** A family whose every input gets one answer, judged on its own (undefined = right); the number of inputs sent. */
async function answeredFamily<T>(platform: RunningPlatform, input: fc.Arbitrary<T>, judge: (i: T) => Promise<string | undefined>, what: string): Promise<number> {
  const heapAtStartMb = heapAfterCollectionMb();
  return report(
    await fuzzFamily({
      ...BOUNDS,
      input,
      sendBatch: async (batch) => {
        const wrong = await pooled(batch, CONCURRENCY, judge);
        expect(wrong.filter((w) => w !== undefined), what).toEqual([]);
      },
      checkAfterBatch: () => checkServing(platform, heapAtStartMb),
    }),
  );
}

function httpFamily<T>(platform: RunningPlatform, input: fc.Arbitrary<T>, toRequest: (i: T) => Promise<RawRequest> | RawRequest, json: (r: RawRequest) => boolean): Promise<number> {
  const judge = async (i: T): Promise<string | undefined> => {
    const r = await toRequest(i);
    return wrongAnswer(await send(r), r, json(r));
  };
  return answeredFamily(platform, input, judge, 'answers that are not a client answer');
}

function handshakeInput(ownOrigin: string) {
  const protocol = fc.oneof(
    arb.token.map((t) => ({ t, form: 'jwt' as const })),
    arb.headerText.map((text) => ({ t: { kind: 'raw' as const, value: text }, form: 'header' as const })),
  );
  return fc.record({
    path: fc.oneof({ arbitrary: fc.constantFrom('/ws', '/api/v1/websocket', '/ws/'), weight: 4 }, { arbitrary: arb.path(['/ws', '/api', '']), weight: 1 }),
    protocol: fc.option(protocol, { nil: undefined }),
    bearer: fc.option(arb.token, { nil: undefined }),
    origin: arb.origin(ownOrigin),
  });
}

/** A status below 500, and after 101 the server speaking first (the welcome or AUTH_FAILED). */
async function judgeHandshake(wsUrl: string, i: ReturnType<typeof handshakeInput> extends fc.Arbitrary<infer U> ? U : never): Promise<string | undefined> {
  const headers: Record<string, string> = i.origin !== undefined ? { Origin: i.origin } : {};
  if (i.protocol) {
    const text = await tokenText(i.protocol.t);
    headers['Sec-WebSocket-Protocol'] = i.protocol.form === 'jwt' ? `jwt-auth, jwt.${Buffer.from(text).toString('base64url')}` : text;
  }
  if (i.bearer) headers['Authorization'] = `Bearer ${await tokenText(i.bearer)}`;
  const answer = await upgrade({ wsUrl, path: i.path, headers });
  const what = `${i.path} ${JSON.stringify(headers).slice(0, 300)} → ${answer.status}`;
  if (answer.status >= 500) return what;
  return answer.status === 101 && answer.firstFrameBytes === 0 ? `${what} and no first frame` : undefined;
}

test.describe('fuzz', () => {
  test.describe.configure({ timeout: 110_000 });

  test('auth token endpoints: arbitrary bodies, content types, origins and bypass keys', async ({ platform }) => {
    const input = fc.record({
      path: fc.constantFrom('/auth/login', '/auth/dev/login', '/auth/e2e/test-auth', '/auth/refresh', '/auth/validate', '/auth/logout', '/auth/login/'),
      body: arb.body,
      contentType: arb.contentType,
      origin: arb.origin(platform.urls.frontend),
      bypassKey: fc.option(fc.oneof(fc.constant(BYPASS_KEY), arb.headerText), { nil: undefined }),
    });
    const sent = await httpFamily(
      platform,
      input,
      (i) => ({ base: platform.urls.auth, method: 'POST', path: i.path, body: i.body, headers: headersOf(i, i.bypassKey !== undefined ? { 'X-E2E-Bypass-Key': i.bypassKey } : {}) }),
      () => true,
    );
    expect(sent).toBeGreaterThanOrEqual(INPUTS_PER_FAMILY);
  });

  test('tokens: garbage, JWT-shaped and correctly signed arbitrary claims, wherever a token goes', async ({ platform }) => {
    const input = fc.record({ token: arb.token, where: fc.constantFrom('me', 'validate', 'refresh', 'threads', 'messages') });
    const sent = await httpFamily(
      platform,
      input,
      async ({ token, where }) => {
        const text = await tokenText(token);
        const json = { 'Content-Type': 'application/json' };
        if (where === 'validate') return { base: platform.urls.auth, method: 'POST', path: '/auth/validate', headers: json, body: JSON.stringify({ token: text }) };
        if (where === 'refresh') return { base: platform.urls.auth, method: 'POST', path: '/auth/refresh', headers: json, body: JSON.stringify({ refresh_token: text }) };
        const path = where === 'me' ? '/auth/me' : where === 'threads' ? '/api/threads' : '/api/threads/thread_1_ab/messages';
        return { base: where === 'me' ? platform.urls.auth : platform.urls.backend, method: 'GET', path, headers: { Authorization: `Bearer ${text}` } };
      },
      () => true,
    );
    expect(sent).toBeGreaterThanOrEqual(INPUTS_PER_FAMILY);
  });

  test('threads API: arbitrary methods, ids, queries and bodies, signed in or not', async ({ platform, devTokens }) => {
    const input = fc.record({
      method: arb.method,
      path: arb.path(['/api/threads', '/api/threads/thread_1_ab', '/api/threads/']),
      body: fc.option(arb.body, { nil: undefined }),
      contentType: arb.contentType,
      origin: arb.origin(platform.urls.frontend),
      signedIn: fc.boolean(),
    });
    const sent = await httpFamily(
      platform,
      input,
      (i) => ({
        base: platform.urls.backend,
        method: i.method,
        path: i.path,
        body: i.body,
        headers: headersOf(i, i.signedIn ? { Authorization: `Bearer ${devTokens.access_token}` } : {}),
      }),
      () => true,
    );
    expect(sent).toBeGreaterThanOrEqual(INPUTS_PER_FAMILY);
  });

  test('every route of the three services: arbitrary methods, paths and bodies', async ({ platform }) => {
    const routes = ['/', '/health', '/health/live', '/health/ready', '/api/health', '/ws/health', '/ws/config', '/auth/config', '/auth/health', '/login', '/chat', '/chat/x', '/auth/callback', '/assets', '/assets/chat.js', '/favicon.ico', '/api', '/ws'];
    const input = fc.record({
      service: fc.constantFrom('frontend', 'auth', 'backend') as fc.Arbitrary<keyof RunningPlatform['urls']>,
      method: arb.method,
      path: arb.path(routes),
      body: fc.option(arb.body, { nil: undefined, freq: 3 }),
      contentType: arb.contentType,
      origin: arb.origin(platform.urls.frontend),
    });
    const sent = await httpFamily(
      platform,
      input,
      (i) => ({ base: platform.urls[i.service], method: i.method, path: i.path, body: i.body, headers: headersOf(i) }),
      (r) => r.base !== platform.urls.frontend,
    );
    expect(sent).toBeGreaterThanOrEqual(INPUTS_PER_FAMILY);
  });

  test('socket frames: arbitrary text, bytes, nesting and sizes on signed-in sockets', async ({ platform, devTokens }) => {
    const sockets = await Promise.all(Array.from({ length: 2 }, () => WireSocket.welcomed(platform.urls.ws, { token: devTokens.access_token })));
    const heapAtStartMb = heapAfterCollectionMb();
    let pingId = 0;
    const result = await fuzzFamily({
      ...BOUNDS,
      input: arb.frame,
      sendBatch: async (batch) => {
        batch.forEach((f, n) => {
          const probe = sockets[n % sockets.length]!;
          if (f.binary) probe.ws.send(f.bytes, { binary: true });
          else probe.ws.send(f.text);
        });
        // A ping after the batch on each socket: its pong proves every frame before it was handled.
        const states = await Promise.all(
          sockets.map(async (probe) => {
            const id = `after-batch-${++pingId}`;
            probe.send({ type: 'ping', timestamp: id });
            await probe.waitFor((f) => f['type'] === 'pong' && f['client_timestamp'] === id, 10_000, `pong ${id}`);
            const broken = probe.frames.filter((f) => f['error_code'] === 'INTERNAL_ERROR');
            probe.frames.length = 0;
            return { broken, closed: probe.isClosed };
          }),
        );
        expect(states, 'every socket open, no frame fell to the guard').toEqual(sockets.map(() => ({ broken: [], closed: false })));
      },
      checkAfterBatch: () => checkServing(platform, heapAtStartMb),
    });
    for (const probe of sockets) probe.close();
    expect(report(result)).toBeGreaterThanOrEqual(INPUTS_PER_FAMILY);
  });

  test('socket handshakes: arbitrary paths, subprotocols, Bearer tokens and origins', async ({ platform }) => {
    const sent = await answeredFamily(platform, handshakeInput(platform.urls.frontend), (i) => judgeHandshake(platform.urls.ws, i), 'handshakes that are not a client answer');
    expect(sent).toBeGreaterThanOrEqual(INPUTS_PER_FAMILY);
  });
});
