import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CREDENTIALS } from '../auth/users';
import { BenchUser, type UserOutcome } from './bench-user';
import { PlatformProcess, type PlatformUrls, type ResourceUse } from './platform-process';
import { distribution, mapLimited } from './stats';

/**
 * Socket load on the reference platform: N distinct e2e-bypass users, each with its own socket,
 * all connected at once, then all sending one message at the same moment and completing one
 * agent run. Loopback only; bounded in users and time.
 *
 *   npx tsx platform/bench/sockets.ts --users 1000 [--step-ms 200] [--auth URL --ws URL] [--out FILE]
 */

const MAX_USERS = 5000;

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    'step-ms': { type: 'string', default: '200' },
    auth: { type: 'string' },
    ws: { type: 'string' },
    'bypass-key': { type: 'string', default: DEFAULT_CREDENTIALS.bypassKey },
    'timeout-s': { type: 'string', default: '120' },
    'connect-concurrency': { type: 'string', default: '200' },
    out: { type: 'string' },
  },
});

function intArg(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be an integer from ${min} to ${max}, got ${raw}`);
  return value;
}

function isLoopback(url: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
}

const users = intArg('users', values.users, 1, MAX_USERS);
const stepMs = intArg('step-ms', values['step-ms'], 0, 10_000);
const timeoutMs = intArg('timeout-s', values['timeout-s'], 1, 600) * 1000;
const connectConcurrency = intArg('connect-concurrency', values['connect-concurrency'], 1, MAX_USERS);
const outFile = resolve(values.out ?? `bench-results/sockets-${users}.json`);

async function token(authUrl: string, index: number): Promise<{ token: string; userId: string }> {
  const res = await fetch(`${authUrl}/auth/e2e/test-auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-E2E-Bypass-Key': values['bypass-key']! },
    body: JSON.stringify({ email: `bench-user-${index}@bench.local` }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200) throw new Error(`e2e bypass answered ${res.status}`);
  const body = (await res.json()) as { access_token: string; user: { id: string } };
  return { token: body.access_token, userId: body.user.id };
}

async function activeConnections(backendUrl: string | undefined): Promise<number | undefined> {
  if (!backendUrl) return undefined;
  const res = await fetch(`${backendUrl}/ws/health`, { signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as { components?: { websocket_manager?: { active_connections?: number } } };
  return body.components?.websocket_manager?.active_connections;
}

function errorCounts(outcomes: readonly UserOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) if (o.error) counts[o.error] = (counts[o.error] ?? 0) + 1;
  return counts;
}

async function main(): Promise<void> {
  let platform: PlatformProcess | undefined;
  let urls: PlatformUrls;
  if (values.auth || values.ws) {
    if (!values.auth || !values.ws) throw new Error('--auth and --ws go together');
    if (!isLoopback(values.auth) || !isLoopback(values.ws)) throw new Error('the benchmark runs against loopback only');
    urls = { auth: values.auth, ws: values.ws, backend: values.ws.replace(/^ws/, 'http').replace(/\/ws$/, '') };
  } else {
    platform = await PlatformProcess.start({ PLATFORM_AGENT_STEP_MS: String(stepMs) });
    urls = platform.urls;
    platform.startSampling();
  }
  const baselineRssMb = platform?.rssMb();
  const deadline = setTimeout(() => {
    process.stderr.write(`benchmark exceeded ${timeoutMs} ms, stopping\n`);
    void platform?.stop().finally(() => process.exit(2));
  }, timeoutMs + 30_000);

  try {
    process.stdout.write(`platform ${platform ? `pid ${platform.pid}` : 'external'}: ${urls.ws}; ${users} users, agent step ${stepMs} ms\n`);

    const tokensAt = performance.now();
    const tokens = await mapLimited(Array.from({ length: users }, (_, i) => i), 50, (i) => token(urls.auth, i));
    const tokensMs = performance.now() - tokensAt;
    const benchUsers = tokens.map((t) => new BenchUser(t.token, t.userId));

    const connectAt = performance.now();
    const connectErrors = await mapLimited(benchUsers, connectConcurrency, (u) =>
      u.connect(urls.ws, 20_000).then(
        () => undefined,
        (error: Error) => {
          u.outcome.error = `connect: ${error.message}`;
          return error;
        },
      ),
    );
    const connectWallMs = performance.now() - connectAt;
    const connected = benchUsers.filter((_, i) => !connectErrors[i]);
    const serverSideOpen = await activeConnections(urls.backend);
    process.stdout.write(`${connected.length}/${users} sockets open (server counts ${serverSideOpen ?? '?'}) in ${Math.round(connectWallMs)} ms\n`);

    // All runs start together: this is the moment the platform holds every socket and every run.
    const runAt = performance.now();
    await Promise.all(connected.map((u, i) => u.run(`benchmark question number ${i}: what changed in our costs this week?`, timeoutMs)));
    const runWallMs = performance.now() - runAt;
    const resources: ResourceUse | undefined = platform?.usage();
    for (const u of benchUsers) u.close();

    const outcomes = benchUsers.map((u) => u.outcome);
    const completed = outcomes.filter((o) => o.runMs !== undefined && !o.error);
    const result = {
      date: new Date().toISOString(),
      users,
      agent_step_ms: stepMs,
      platform: platform ? 'spawned (node --import tsx platform/main.ts)' : 'external',
      sockets_open_at_once: connected.length,
      server_active_connections: serverSideOpen,
      completed_runs: completed.length,
      errors: outcomes.filter((o) => o.error).length,
      error_kinds: errorCounts(outcomes),
      runs_per_second: Math.round((completed.length / (runWallMs / 1000)) * 10) / 10,
      wall_ms: { tokens: Math.round(tokensMs), connect_all: Math.round(connectWallMs), run_all: Math.round(runWallMs) },
      connect_to_welcome_ms: distribution(outcomes.flatMap((o) => (o.connectMs === undefined ? [] : [o.connectMs]))),
      first_event_ms: distribution(outcomes.flatMap((o) => (o.firstEventMs === undefined ? [] : [o.firstEventMs]))),
      run_ms: distribution(completed.map((o) => o.runMs!)),
      platform_process: resources ? { ...resources, baselineRssMb } : undefined,
    };
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);

    const line = (label: string, d: { p50: number; p95: number; max: number }): string => `${label.padEnd(22)} p50 ${d.p50} ms  p95 ${d.p95} ms  max ${d.max} ms\n`;
    process.stdout.write(
      `completed runs         ${result.completed_runs}/${users}  errors ${result.errors}\n` +
        `runs/s                 ${result.runs_per_second} (all runs started together; wall ${result.wall_ms.run_all} ms)\n` +
        line('connect → welcome', result.connect_to_welcome_ms) +
        line('send → first event', result.first_event_ms) +
        line('send → run completed', result.run_ms) +
        (resources ? `platform RSS           baseline ${baselineRssMb} MB  peak ${resources.peakRssMb} MB (VmHWM ${resources.hwmRssMb} MB)  cpu ${resources.cpuSeconds} s\n` : '') +
        `written to ${outFile}\n`,
    );
    if (result.errors > 0) {
      process.stdout.write(`error kinds: ${JSON.stringify(result.error_kinds)}\n`);
      process.exitCode = 1;
    }
  } finally {
    clearTimeout(deadline);
    const code = await platform?.stop();
    if (platform && code !== 0) {
      process.stderr.write(`platform exited with ${code} on SIGTERM\n`);
      process.exitCode = 1;
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
