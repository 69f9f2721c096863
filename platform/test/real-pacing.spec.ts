import { createHook } from 'node:async_hooks';
import { get } from 'node:http';
import { agentScript } from '../backend/agent-script';
import { envelopesScript } from '../backend/envelopes-script';
import { REAL_MODEL, realModelPacing } from '../backend/run-pacing';
import { parseFaults } from '../faults';
import { REAL_NETWORK_MS } from '../network-latency';
import { startPlatform } from '../start';
import { parseVariants } from '../variants';
import { devLogin } from './wire/platform-client';
import { expect, test, TEST_JWT_SECRET, withVariants } from './wire/platform-fixture';
import { isAgentEvent, isBareCompletion, REFERENCE_RUN, WireSocket } from './wire/wire-socket';

/**
 * Variant `real-pacing`: runs of 10–20 s with seconds between events (never near the contract's
 * 15 s soft gap), behind 50–150 ms of latency with jitter on every HTTP answer and every socket
 * frame, the frames of a socket in order, and no timer left behind.
 */

/** A seeded generator, so the pacing plan can be checked over many runs without chance. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

const subject = { runId: 'run_x', userId: 'u', threadId: 't', content: 'pace me', context: {} };

test('the plan: 10–20 s a run, the first event within 1.5 s, every gap under the 15 s soft gap', () => {
  const scripts = [agentScript(subject, parseFaults(undefined)), envelopesScript(subject, parseFaults(undefined), 'content')];
  for (let seed = 1; seed <= 200; seed++) {
    for (const steps of scripts) {
      const pacing = realModelPacing(seeded(seed))(steps);
      const pauses = steps.map((s, i) => (s.follows ? 0 : pacing.pauseMs(i)));
      const total = pauses.reduce((sum, p) => sum + p, 0);
      expect(pauses[0]).toBeGreaterThanOrEqual(REAL_MODEL.firstEventMs.min);
      expect(pauses[0]).toBeLessThanOrEqual(REAL_MODEL.firstEventMs.max);
      expect(total).toBeGreaterThanOrEqual(REAL_MODEL.runMs.min - steps.length);
      expect(total).toBeLessThanOrEqual(REAL_MODEL.runMs.max + steps.length);
      expect(Math.max(...pauses)).toBeLessThan(15_000);
      expect(total / pauses.filter((p) => p > 0).length).toBeGreaterThan(500);
    }
  }
});

/** Milliseconds of one plain GET, without keep-alive, so every request crosses the latency anew. */
function timedGet(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    });
    req.on('error', reject);
  });
}

test.describe('latency', () => {
  withVariants('real-pacing');

  test('every HTTP answer of the three services comes 50–150 ms late, with jitter', async ({ platform }) => {
    const urls = [`${platform.urls.frontend}/login`, `${platform.urls.auth}/health`, `${platform.urls.backend}/health`];
    for (const url of urls) {
      const samples: number[] = [];
      for (let i = 0; i < 8; i++) samples.push(await timedGet(url));
      expect(Math.min(...samples), url).toBeGreaterThanOrEqual(REAL_NETWORK_MS.min);
      // Jitter: eight draws from 100 ms of spread do not all land within 5 ms of each other.
      expect(Math.max(...samples) - Math.min(...samples), url).toBeGreaterThan(5);
    }
  });

  test('socket frames come late, in the order they were sent', async ({ platform, devTokens }) => {
    const opened = performance.now();
    const probe = await WireSocket.welcomed(platform.urls.ws, { token: devTokens.access_token });
    expect(performance.now() - opened).toBeGreaterThanOrEqual(2 * REAL_NETWORK_MS.min);
    const roundTrips: number[] = [];
    for (let i = 0; i < 5; i++) {
      const from = probe.frames.length;
      const sent = performance.now();
      probe.send({ type: 'ping', timestamp: i });
      await probe.waitFor((f) => f['type'] === 'pong', 2000, 'pong', from);
      roundTrips.push(performance.now() - sent);
    }
    expect(Math.min(...roundTrips)).toBeGreaterThanOrEqual(REAL_NETWORK_MS.min);
    const from = probe.frames.length;
    for (let i = 0; i < 30; i++) probe.send({ type: 'ping', timestamp: i });
    await expect.poll(() => probe.frames.length - from, { timeout: 3000 }).toBe(30);
    expect(probe.frames.slice(from).map((f) => f['client_timestamp'])).toEqual([...Array(30).keys()]);
    probe.close();
  });
});

test.describe('a run', () => {
  withVariants('real-pacing');
  test.slow();

  test('takes 10–20 s with seconds between events, in contract order', async ({ devSocket }) => {
    const arrivals: number[] = [];
    devSocket.ws.on('message', () => arrivals.push(performance.now()));
    const sent = performance.now();
    devSocket.send({ type: 'user_message', payload: { content: 'take your time' } });
    await devSocket.waitFor(isBareCompletion, REAL_MODEL.runMs.max + 5000, 'bare completion');
    const events = devSocket.frames.filter(isAgentEvent);
    expect(events.map((f) => f['type'])).toEqual(REFERENCE_RUN);
    const times = arrivals.slice(-events.length);
    const first = times[0]! - sent;
    const total = times.at(-1)! - sent;
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    test.info().annotations.push({ type: 'run', description: `first ${Math.round(first)} ms, total ${Math.round(total)} ms, gaps ${gaps.map(Math.round).join(', ')} ms` });
    expect(first).toBeGreaterThanOrEqual(REAL_MODEL.firstEventMs.min);
    expect(total).toBeGreaterThanOrEqual(REAL_MODEL.runMs.min);
    expect(total).toBeLessThan(REAL_MODEL.runMs.max + 2 * REAL_NETWORK_MS.max + 1000);
    expect(Math.max(...gaps)).toBeLessThan(15_000);
  });
});

/**
 * The platform's own timers, live: those that platform code itself set (not the tests', not
 * Node's own, such as keep-alive timers set while the platform answers), tracked by an async
 * hook from creation to clear or fire.
 */
function platformTimers(): { count(): number; stacks(): string[]; stop(): void } {
  const live = new Map<number, string>();
  const hook = createHook({
    init(id, type) {
      if (type !== 'Timeout') return;
      const stack = new Error().stack ?? '';
      const lines = stack.split('\n');
      const at = lines.findIndex((line) => /\bat (setTimeout|setInterval) \(node:timers/.test(line));
      if (at >= 0 && /\/platform\/(?!test\/)/.test(lines[at + 1] ?? '')) live.set(id, stack);
    },
    destroy: (id) => live.delete(id),
  });
  hook.enable();
  return { count: () => live.size, stacks: () => [...live.values()], stop: () => hook.disable() };
}

test('no timer of the platform outlives a closed socket or a stopped platform', async () => {
  const timers = platformTimers();
  try {
    const platform = await startPlatform({ jwtSecret: TEST_JWT_SECRET, variants: parseVariants('real-pacing') });
    const tokens = await devLogin(platform.urls.auth);
    await expect.poll(() => timers.count(), { timeout: 2000 }).toBe(0);
    const sockets = await Promise.all([1, 2].map(() => WireSocket.welcomed(platform.urls.ws, { token: tokens.access_token })));
    for (const socket of sockets) {
      socket.send({ type: 'user_message', payload: { content: 'cut me short' } });
      for (let i = 0; i < 10; i++) socket.send({ type: 'ping', timestamp: i });
    }
    await sockets[0]!.waitFor((f) => f['type'] === 'pong', 2000, 'pong');
    // The run's next step, the frames in flight and the heartbeats are all waiting now.
    expect(timers.count()).toBeGreaterThan(2);
    for (const socket of sockets) socket.close();
    await expect.poll(() => timers.stacks(), { timeout: 3000 }).toEqual([]);

    // A request still inside its latency when the platform stops.
    const pending = timedGet(`${platform.urls.backend}/health`).catch(() => 'cut');
    await expect.poll(() => timers.count(), { timeout: 2000, intervals: [2] }).toBe(1);
    await platform.stop();
    expect(await pending).toBe('cut');
    // Destroy hooks run asynchronously after the clear, hence the poll.
    await expect.poll(() => timers.stacks(), { timeout: 1000 }).toEqual([]);
  } finally {
    timers.stop();
  }
});
