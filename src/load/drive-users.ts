import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { SocketSession } from '../clients/socket-client';
import type { GoldenConfig } from '../config/environment';
import { LatencySamples, summariseLatency } from '../verdict/latency-percentiles';
import { GoldenUser, USER_STEPS } from './golden-user';
import { arrivalAt, type LoadOptions } from './load-options';
import { errorsByClass, UNFINISHED, type LoadReport } from './load-report';

/**
 * The own driver of `npm run load`: the golden user flow (`golden-user.ts`, the same one the
 * Artillery scenario runs) scheduled in this process. Users arrive evenly over the ramp, hold
 * their socket until every user is done, and everything stops at the deadline.
 */
export interface DriveInput {
  config: GoldenConfig;
  options: LoadOptions;
  log?: (line: string) => void;
}

export async function driveUsers({ config, options, log = () => undefined }: DriveInput): Promise<LoadReport> {
  const { urls } = config;
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
  // Samples taken after the deadline would describe a run that was already cut off.
  const observer = {
    step: (step: keyof typeof USER_STEPS, ms: number) => {
      if (!stopped) samples.add(USER_STEPS[step].label, ms);
    },
    frame: (toVerdict: number, stamp: number | undefined) => {
      frameToVerdict.push(toVerdict);
      if (stamp !== undefined) stampToVerdict.push(stamp);
    },
  };

  const oneUser = async (i: number): Promise<void> => {
    started += 1;
    const user = new GoldenUser({ config, email: `load-${i + 1}-${runId}@netra-e2e.test`, label: `load user ${i + 1}`, crowdThreads: allThreads, observer });
    try {
      await user.signIn();
      await user.startConversation();
      const s = await user.connect();
      open.add(s);
      peakOpen = Math.max(peakOpen, open.size);
      s.onClose(() => open.delete(s));
      if (stopped) return;
      const run = await user.chat();
      if (stopped) return;
      framesReceived += s.received.length;
      firstSendAt = Math.min(firstSendAt, run.sentAt ?? Number.NaN);
      lastCompletionAt = Math.max(lastCompletionAt, run.completedAt ?? 0);
      succeeded += 1;
    } catch (error) {
      if (!stopped) failures.push(error instanceof Error ? error.message : String(error));
    } finally {
      userDone();
    }
    // Held until every user is done (or the deadline), so that all of them are connected at once.
    await hold;
    await user.leave();
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
