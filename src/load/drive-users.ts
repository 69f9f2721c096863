import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { obtainToken } from '../clients/auth-client';
import { httpExchange } from '../clients/http-client';
import { SocketSession } from '../clients/socket-client';
import { createThread } from '../clients/threads-client';
import type { GoldenConfig } from '../config/environment';
import { ForeignThreads } from '../contract/foreign-threads';
import { LatencySamples, summariseLatency } from '../verdict/latency-percentiles';
import { arrivalAt, type LoadOptions } from './load-options';
import { errorsByClass, LOAD_STEPS, UNFINISHED, type LoadReport } from './load-report';

/**
 * The golden path's socket flow at scale, with the suite's own parts: tokens by the e2e bypass
 * (one distinct user each), the thread the real page creates, `SocketSession` for the socket,
 * `runChat`/`AgentRun` for the five events, their order and isolation. Users arrive evenly over
 * the ramp, hold their socket until every user is done, and everything stops at the deadline.
 */
/** `POST /api/threads`, as the real page does before its first message (contract section 5). */
export interface DriveInput {
  config: GoldenConfig;
  options: LoadOptions;
  log?: (line: string) => void;
}

export async function driveUsers({ config, options, log = () => undefined }: DriveInput): Promise<LoadReport> {
  const { urls, budgets } = config;
  const runId = randomBytes(4).toString('hex');
  const samples = new LatencySamples();
  const frameToVerdict: number[] = [];
  const stampToVerdict: number[] = [];
  const failures: string[] = [];
  const allThreads = new Set<string>();
  const open = new Set<SocketSession>();
  let peakOpen = 0;
  let started = 0;
  let succeeded = 0;
  let framesReceived = 0;
  let firstSendAt = Number.POSITIVE_INFINITY;
  let lastCompletionAt = 0;
  let stopped = false;

  let releaseHold: () => void = () => undefined;
  const hold = new Promise<void>((resolve) => (releaseHold = resolve));
  let finished = 0;
  const userDone = () => {
    finished += 1;
    if (finished === options.users) releaseHold();
  };

  const timed = async <T>(measure: string, body: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await body();
    if (!stopped) samples.add(measure, performance.now() - t0);
    return value;
  };

  const oneUser = async (i: number): Promise<void> => {
    started += 1;
    const t0 = performance.now();
    let session: SocketSession | undefined;
    try {
      const user = await timed(LOAD_STEPS.token, () =>
        obtainToken(config, httpExchange, { mode: 'e2e-bypass', email: `load-${i + 1}-${runId}@netra-e2e.test`, timeoutMs: budgets.token.hardMs }),
      );
      const content = `${config.goldenMessage} (load user ${i + 1})`;
      const threadId = await timed(LOAD_STEPS.thread, () => createThread(httpExchange, urls.backend, user.accessToken, content.slice(0, 50), budgets.health.hardMs));
      allThreads.add(threadId);
      session = await timed(LOAD_STEPS.connect, () => SocketSession.connect({ url: urls.ws, token: user.accessToken, connectBudgetMs: budgets.wsConnect.hardMs }));
      const s = session;
      open.add(s);
      peakOpen = Math.max(peakOpen, open.size);
      s.onClose(() => open.delete(s));
      if (stopped) return;
      const running = s.runChat({
        content,
        threadId,
        budgets,
        context: { userId: user.userId, foreignThreadIds: new ForeignThreads(allThreads, new Set([threadId])) },
      });
      // Added after runChat's own listener, so it runs once the checker has judged the frame.
      const offVerdict = s.onFrame((frame) => {
        frameToVerdict.push(performance.now() - frame.receivedAt);
        // Same machine, same clock: the platform's ISO stamp to our verdict, the platform's own send path included.
        const stamp = (frame.raw as { timestamp?: unknown } | undefined)?.timestamp;
        if (frame.kind === 'critical' && typeof stamp === 'string') stampToVerdict.push(Date.now() - Date.parse(stamp));
      });
      const run = await running.finally(offVerdict);
      if (stopped) return;
      framesReceived += s.received.length;
      const sent = run.sentAt ?? Number.NaN;
      firstSendAt = Math.min(firstSendAt, sent);
      lastCompletionAt = Math.max(lastCompletionAt, run.completedAt ?? 0);
      samples.add(LOAD_STEPS.firstEvent, (run.firstEventAt ?? Number.NaN) - sent);
      samples.add(LOAD_STEPS.run, (run.completedAt ?? Number.NaN) - sent);
      samples.add(LOAD_STEPS.total, performance.now() - t0);
      succeeded += 1;
    } catch (error) {
      if (!stopped) failures.push(error instanceof Error ? error.message : String(error));
    } finally {
      userDone();
    }
    // Held until every user is done (or the deadline), so that all of them are connected at once.
    await hold;
    await session?.close();
  };

  // The histogram records whole timer intervals: the delay is what exceeds the resolution.
  const loopResolutionMs = 1;
  const loop = monitorEventLoopDelay({ resolution: loopResolutionMs });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const startedAt = new Date();
  loop.enable();
  const users: Promise<void>[] = [];
  const timers: NodeJS.Timeout[] = [];
  for (let i = 0; i < options.users; i++) {
    users.push(
      new Promise<void>((resolve) => {
        timers.push(setTimeout(() => void oneUser(i).then(resolve, resolve), arrivalAt(i, options.users, options.rampMs)));
      }),
    );
  }
  const progress = setInterval(() => {
    log(`  ${((performance.now() - t0) / 1000).toFixed(1)} s · started ${started}/${options.users} · open ${open.size} · succeeded ${succeeded} · failed ${failures.length}`);
  }, 2_000);
  progress.unref();

  let deadline: NodeJS.Timeout | undefined;
  const reachedDeadline = new Promise<'deadline'>((resolve) => {
    deadline = setTimeout(() => resolve('deadline'), options.durationLimitMs);
  });
  const outcome = await Promise.race([hold.then(() => 'done' as const), reachedDeadline]);
  clearTimeout(deadline);
  // Users neither succeeded nor failed when the limit struck; none when every user was done.
  const failed = failures.length;
  const unfinished = options.users - succeeded - failed;
  if (outcome === 'deadline') {
    stopped = true;
    for (const t of timers) clearTimeout(t);
    for (let k = 0; k < unfinished; k++) failures.push(`[${UNFINISHED}] the user had not finished when the ${options.durationLimitMs} ms limit was reached`);
    for (const s of open) s.drop();
    releaseHold();
    log(`  deadline of ${options.durationLimitMs} ms reached: ${unfinished} users unfinished, sockets dropped`);
  }
  const wallMs = performance.now() - t0;
  const closing = Promise.all(users);
  await Promise.race([closing, new Promise((r) => setTimeout(r, 5_000).unref())]);
  clearInterval(progress);
  loop.disable();
  const cpu = process.cpuUsage(cpu0);

  const delay = (ns: number) => Math.max(0, ns / 1e6 - loopResolutionMs);
  const verdict = summariseLatency('frame arrival → checker verdict', frameToVerdict);
  const loopDelay = { p50: delay(loop.percentile(50)), p95: delay(loop.percentile(95)), max: delay(loop.max) };
  const window = (lastCompletionAt - firstSendAt) / 1000;
  return {
    tool: 'golden-path load',
    environment: config.name,
    urls: { auth: urls.auth, backend: urls.backend, ws: urls.ws },
    startedAt: startedAt.toISOString(),
    options: { users: options.users, rampMs: options.rampMs, durationLimitMs: options.durationLimitMs },
    users: { planned: options.users, started, succeeded, failed, unfinished },
    successRate: succeeded / options.users,
    peakOpenSockets: peakOpen,
    wallMs,
    throughput: {
      runsPerSecond: window > 0 ? succeeded / window : 0,
      framesPerSecond: framesReceived / (wallMs / 1000),
      framesReceived,
    },
    steps: samples.summary(),
    clientAdded: {
      frameToVerdict: verdict,
      eventLoopDelay: loopDelay,
      p95BoundMs: (Number.isFinite(verdict.p95) ? verdict.p95 : 0) + loopDelay.p95,
      serverStampToVerdict: summariseLatency('platform timestamp → checker verdict', stampToVerdict),
    },
    errors: errorsByClass(failures),
    cpu: { userMs: cpu.user / 1000, systemMs: cpu.system / 1000, percentOfOneCore: ((cpu.user + cpu.system) / 1000 / wallMs) * 100 },
    memory: { peakRssMb: process.resourceUsage().maxRSS / 1024 },
  };
}
