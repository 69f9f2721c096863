import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { call, devLogin } from './wire/platform-client';
import { expect, test } from './wire/platform-fixture';
import { FAULT_NAMES } from '../faults';
import { VARIANT_NAMES } from '../variants';
import { READY, exitWithin, launch, readyUrls } from './wire/platform-launch';
import { WireSocket } from './wire/wire-socket';

/**
 * `npm run platform` (platform/main.ts) as the suite's webServer sees it: one ready line,
 * PLATFORM_FAULTS and PLATFORM_VARIANTS checked at start-up, a clean exit on SIGTERM and SIGINT.
 */

test('prints one ready line within budget, serves, and exits 0 on SIGTERM', async () => {
  const startedAt = Date.now();
  const launched = launch({
    PLATFORM_FAULTS: 'stall, drop-event:tool_completed',
    PLATFORM_VARIANTS: 'legacy-welcome, envelopes',
    PLATFORM_ALLOWED_ORIGINS: 'https://preview.netra.example',
  });
  try {
    await expect.poll(() => launched.stdout(), { timeout: 10_000, intervals: [20] }).toMatch(/ready/);
    const readyMs = Date.now() - startedAt;
    test.info().annotations.push({ type: 'ready-ms', description: String(readyMs) });
    // Includes tsx compiling the platform on a cold start; the listen part is a few ms.
    expect(readyMs).toBeLessThan(5000);

    const lines = launched.stdout().trim().split('\n');
    expect(lines).toHaveLength(1);
    const match = READY.exec(lines[0]!);
    expect(match, lines[0]).not.toBeNull();
    const [, frontend, auth, backend, ws, faults, variants] = match!;
    expect(faults).toBe('stall,drop-event:tool_completed');
    expect(variants).toBe('legacy-welcome,envelopes');
    for (const url of [frontend!, auth!, backend!]) expect(url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(ws).toBe(`${backend!.replace('http', 'ws')}/ws`);
    expect((await call(`${backend!}/health`)).status).toBe(200);
    expect((await call(`${auth!}/health`)).status).toBe(200);
    const preflight = (origin: string): Promise<Response> =>
      fetch(`${auth!}/auth/refresh`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
    expect((await preflight('https://preview.netra.example')).headers.get('access-control-allow-origin'), 'PLATFORM_ALLOWED_ORIGINS').toBe('https://preview.netra.example');
    expect((await preflight('https://other.netra.example')).status).toBe(403);
  } finally {
    launched.child.kill('SIGTERM');
  }
  expect(await exitWithin(launched, 5000)).toBe(0);
});

test('SIGINT stops it with exit 0 and faults=none variants=none when none are set', async () => {
  const launched = launch({ PLATFORM_FAULTS: '', PLATFORM_VARIANTS: '' });
  await expect.poll(() => launched.stdout(), { timeout: 10_000, intervals: [20] }).toMatch(/faults=none variants=none\n$/);
  launched.child.kill('SIGINT');
  expect(await exitWithin(launched, 5000)).toBe(0);
});

test('an unknown fault stops the start with a message and a non-zero exit', async () => {
  const specs = ['not-a-fault', 'drop-event', 'drop-event:heartbeat'];
  const runs = specs.map((spec) => ({ spec, launched: launch({ PLATFORM_FAULTS: spec }) }));
  for (const { spec, launched } of runs) {
    expect(await exitWithin(launched, 10_000), spec).not.toBe(0);
    expect(launched.stderr(), spec).toMatch(/failed to start: .*(unknown fault|drop-event needs)/);
    expect(launched.stdout(), spec).not.toMatch(/ready/);
  }
});

test('an unknown variant stops the start with a message naming the known ones', async () => {
  const launched = launch({ PLATFORM_VARIANTS: 'envelopes,not-a-variant' });
  expect(await exitWithin(launched, 10_000)).not.toBe(0);
  expect(launched.stderr()).toMatch(/failed to start: unknown variant "not-a-variant" in PLATFORM_VARIANTS; known: envelopes, /);
  expect(launched.stdout()).not.toMatch(/ready/);
});

test('--help lists every variant and every fault, and starts nothing', async () => {
  const launched = launch({}, ['--help']);
  expect(await exitWithin(launched, 10_000)).toBe(0);
  for (const name of [...VARIANT_NAMES, ...FAULT_NAMES]) expect(launched.stdout()).toContain(name);
  expect(launched.stdout()).not.toMatch(/platform ready/);
});

test('a wildcard in PLATFORM_ALLOWED_ORIGINS stops the start: it would grant more than meant', async () => {
  const launched = launch({ PLATFORM_ALLOWED_ORIGINS: 'https://ok.example, *' });
  expect(await exitWithin(launched, 10_000)).not.toBe(0);
  expect(launched.stderr()).toMatch(/failed to start: PLATFORM_ALLOWED_ORIGINS: "\*" is not an origin/);
  expect(launched.stdout()).not.toMatch(/ready/);
});

test('a busy port stops the start with a message and a non-zero exit', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as AddressInfo).port;
  try {
    const launched = launch({ BACKEND_PORT: String(port) });
    expect(await exitWithin(launched, 10_000)).not.toBe(0);
    expect(launched.stderr()).toMatch(/EADDRINUSE/);
  } finally {
    blocker.close();
  }
});

test('SIGTERM with a run in flight closes the socket with 1001 and exits 0 within 2 s', async () => {
  const launched = launch({ PLATFORM_AGENT_STEP_MS: '300' });
  try {
    const urls = await readyUrls(launched, 10_000);
    const { access_token } = await devLogin(urls.auth);
    const probe = await WireSocket.welcomed(urls.ws, { token: access_token });
    probe.send({ type: 'user_message', payload: { content: 'a run the shutdown interrupts' } });
    await probe.waitFor((f) => f['type'] === 'agent_started', 5000, 'agent_started');
    const signalledAt = Date.now();
    launched.child.kill('SIGTERM');
    const closed = await probe.closedWithin(2000);
    expect(closed, 'a close frame saying the server goes away, not a dropped connection').toEqual({ code: 1001, reason: expect.any(String) });
    expect(await exitWithin(launched, 2000)).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(2000);
    expect(probe.frames.filter((f) => f['type'] === 'agent_completed'), 'the run was ended, not finished').toHaveLength(0);
  } finally {
    launched.child.kill('SIGKILL');
  }
});
