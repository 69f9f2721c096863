import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProcessTreeSampler } from '../../src/bench/proc-sampler';
import type { GoldenConfig } from '../../src/config/environment';
import { ARTILLERY_SCENARIO, ARTILLERY_VERSION, artilleryArgs, ensureResults, readArtilleryReport } from '../../src/load/artillery-plan';
import { LoadUsageError, type LoadOptions } from '../../src/load/load-options';
import { UNFINISHED, type LoadReport } from '../../src/load/load-report';
import { summariseLatency } from '../../src/verdict/latency-percentiles';

/**
 * `npm run load -- --engine artillery`: runs `artillery/golden-path.yml` with the Artillery
 * installed by `npm run setup:artillery`, on this machine, with the load flags as its arrival
 * phase, and reads its `--output` JSON into the same report the own driver writes. Artillery's
 * terminal (its per-period reports, its ensure lines) is passed through as it is: nothing in it
 * is secret (the secret scan of the load self-test proves it), so nothing is masked here.
 */
export const artilleryBin = (root: string) => path.join(root, '.bench-tools', 'artillery', 'node_modules', 'artillery', 'bin', 'run');
/**
 * Artillery's own start (CLI, bundling the processor, starting its worker) takes 8 s on a quiet
 * 2-core machine and minutes on a busy shared one: the run's deadline counts from its first
 * arrival phase, and the start has a limit of its own.
 */
const STARTUP_LIMIT_MS = 240_000;
const PHASE_STARTED = 'Phase started:';
const KEEP_OUTPUT = 1_000_000;

export interface ArtilleryRunInput {
  root: string;
  config: GoldenConfig;
  options: LoadOptions;
  /** Where the load report goes; Artillery's JSON goes next to it as `.artillery.json`. */
  out: string;
  print?: (chunk: string) => void;
}

function installedVersion(root: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(root, '.bench-tools', 'artillery', 'node_modules', 'artillery', 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export async function runArtillery({ root, config, options, out, print = (c) => process.stdout.write(c) }: ArtilleryRunInput): Promise<LoadReport> {
  const version = installedVersion(root);
  if (!existsSync(artilleryBin(root)) || version !== ARTILLERY_VERSION) {
    throw new LoadUsageError(`Artillery ${ARTILLERY_VERSION} is not installed in .bench-tools/artillery${version ? ` (found ${version})` : ''}: run npm run setup:artillery`);
  }
  const reportFile = out.replace(/\.json$/, '') + '.artillery.json';
  const { overrides, variables } = artilleryArgs(options, config.budgets);
  const args = [artilleryBin(root), 'run', '-e', config.name, '--output', reportFile, '--overrides', overrides, '--variables', variables, ARTILLERY_SCENARIO];
  const startedAt = new Date();
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true', DO_NOT_TRACK: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Stopping the load command stops Artillery with it (its workers are threads of this one child).
  const stopChild = () => child.kill('SIGKILL');
  process.once('SIGTERM', () => {
    stopChild();
    process.exit(143);
  });
  process.once('exit', stopChild);
  const sampler = new ProcessTreeSampler(child.pid ?? 0);
  sampler.start(200);
  let output = '';
  // The users' deadline as for the own driver, plus each user's hold after its run.
  const limitMs = options.durationLimitMs + options.rampMs;
  let killed: string | undefined;
  const stopAt = (ms: number, why: string) =>
    setTimeout(() => {
      killed = why;
      stopChild();
    }, ms);
  let timer = stopAt(STARTUP_LIMIT_MS, `Artillery had not started its first phase within ${STARTUP_LIMIT_MS} ms`);
  let started = false;
  const take = (d: Buffer) => {
    const text = d.toString();
    print(text);
    output = (output + text).slice(-KEEP_OUTPUT);
    if (!started && output.includes(PHASE_STARTED)) {
      started = true;
      clearTimeout(timer);
      timer = stopAt(limitMs, `Artillery was stopped at the ${limitMs} ms limit`);
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exitCode = await new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  const wallMs = performance.now() - t0;
  const usage = sampler.stop();

  let json: unknown;
  try {
    json = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch {
    json = undefined;
  }
  const a = readArtilleryReport(json, output);
  const unfinished = Math.max(0, options.users - a.completed - a.failed);
  const errors = [...a.errors];
  if (unfinished > 0) {
    const why = killed ?? `Artillery exited with ${exitCode} before they finished`;
    errors.push({ failureClass: UNFINISHED, count: unfinished, example: `[${UNFINISHED}] ${unfinished} users had not finished: ${why}` });
  }
  const window = a.metricSpanMs / 1000;
  const none = summariseLatency('event-loop delay (not measured inside Artillery)', []);
  return {
    tool: `Artillery ${ARTILLERY_VERSION} · ${ARTILLERY_SCENARIO}`,
    environment: config.name,
    urls: { auth: config.urls.auth, backend: config.urls.backend, ws: config.urls.ws },
    startedAt: startedAt.toISOString(),
    options: { users: options.users, rampMs: options.rampMs, durationLimitMs: options.durationLimitMs },
    users: { planned: options.users, started: a.created, succeeded: a.completed, failed: a.failed, unfinished },
    successRate: a.completed / options.users,
    peakOpenSockets: Number.NaN,
    wallMs,
    throughput: { runsPerSecond: window > 0 ? a.completed / window : 0, framesPerSecond: a.framesJudged / (wallMs / 1000), framesReceived: a.framesJudged },
    steps: a.steps,
    clientAdded: {
      frameToVerdict: a.frameToVerdict,
      eventLoopDelay: { p50: none.p50, p95: none.p95, max: none.max },
      p95BoundMs: a.frameToVerdict.p95,
      serverStampToVerdict: a.stampToVerdict,
    },
    errors,
    artillery: { exitCode, ensure: ensureResults(output), reportFile: path.relative(root, reportFile) },
    cpu: { userMs: usage.userSeconds * 1000, systemMs: usage.systemSeconds * 1000, percentOfOneCore: ((usage.cpuSeconds * 1000) / wallMs) * 100 },
    memory: { peakRssMb: usage.peakRssMb },
  };
}
