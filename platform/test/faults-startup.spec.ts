import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { within } from './wire/deadline';
import { call } from './wire/platform-client';
import { expect, test } from './wire/platform-fixture';
import { FAULT_NAMES } from '../faults';
import { VARIANT_NAMES } from '../variants';

/**
 * `npm run platform` (platform/main.ts) as the suite's webServer sees it: one ready line,
 * PLATFORM_FAULTS and PLATFORM_VARIANTS checked at start-up, a clean exit on SIGTERM and SIGINT.
 */

const READY = /^netra reference platform ready frontend=(\S+) auth=(\S+) backend=(\S+) ws=(\S+) faults=(\S+) variants=(\S+)$/;

interface Launched {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function launch(env: Record<string, string>, args: string[] = []): Launched {
  const child = spawn(process.execPath, ['--import', 'tsx', 'platform/main.ts', ...args], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, FRONTEND_PORT: '0', AUTH_PORT: '0', BACKEND_PORT: '0', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

function exitWithin(launched: Launched, ms: number): Promise<number | null> {
  return within(launched.exited, ms, () => `platform did not exit (stderr: ${launched.stderr()})`);
}

test('prints one ready line within budget, serves, and exits 0 on SIGTERM', async () => {
  const startedAt = Date.now();
  const launched = launch({ PLATFORM_FAULTS: 'stall, drop-event:tool_completed', PLATFORM_VARIANTS: 'legacy-welcome, envelopes' });
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
