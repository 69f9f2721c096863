import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { median, renderBench, type BenchResults, type GoldenMeasure, type LadderRung, type ToolRun } from '../src/bench/bench-report';
import { splitGoldenRun, type RunTimings } from '../src/bench/golden-split';
import { ARTILLERY_VERSION } from '../src/load/artillery-plan';
import { USER_STEPS } from '../src/load/golden-user';
import { MAX_USERS, type LoadEngine } from '../src/load/load-options';
import { ADDED_P95_GOAL_MS, type LoadReport } from '../src/load/load-report';
import { pollOpenSockets, run, startPlatform, urlsOf, type Finished, type Ports } from './bench/children';
import { workersFrom } from '../src/config/run-context';
import { DEFAULT_GOLDEN_WORKERS } from '../src/config/runner-defaults';
import { renderChain, type ChainModeName, type ChainSummary } from '../src/bench/chain-ratio';
import { chainBench } from './bench/critical-chain';

/**
 * `npm run bench [-- --only golden,load,artillery] [--ladder 1000@10,2000@10,3000@30]
 * [--side-by-side 1000@10] [--warm-runs 3] [--workers-sweep 2,4] [--pairs 5] [--chain reference,paced]
 * [--paced step=2000|real-pacing]`: the suite's own speed and scale on this machine; `chain` (not in the
 * default set) pairs the golden path with its bare critical chain (scripts/bench/critical-chain.ts). `N@R` is N users arriving evenly over R seconds.
 * Everything runs on the bench's own ports (BENCH_PORTS, or BENCH_PORT_BASE: default 23300/28381/28300), each
 * child under a time limit, and the results go to bench-results/ as JSON and Markdown.
 */
const root = path.resolve(__dirname, '..');
const resultsDir = path.join(root, 'bench-results');
const base = Number(process.env.BENCH_PORT_BASE ?? 300);
// BENCH_PORTS=frontend,auth,backend gives the three exactly (a shared machine hands out ports).
const [fp, ap, bp] = (process.env.BENCH_PORTS ?? '').split(',').map(Number);
const ports: Ports = fp && ap && bp ? { frontend: fp, auth: ap, backend: bp } : { frontend: 23_000 + base, auth: 28_081 + base, backend: 28_000 + base };

function usageError(detail: string): never {
  console.error(`[CONFIG_INVALID] ${detail}`);
  process.exit(2);
}

// Strict: a misspelt flag stops the bench instead of silently running every part with defaults.
const flags = (() => {
  try {
    return parseArgs({
      strict: true,
      options: {
        only: { type: 'string', default: 'golden,load,artillery' },
        ladder: { type: 'string', default: '1000@10,1500@10,2000@10,3000@30,5000@30' },
        'side-by-side': { type: 'string', default: '1000@10,3000@30' },
        'warm-runs': { type: 'string', default: '3' },
        'workers-sweep': { type: 'string', default: '2,4' },
        pairs: { type: 'string', default: '5' },
        chain: { type: 'string', default: 'reference,paced' },
        // The platform's real-model variant when it has one, else pacing by agent steps (runs of about 14 s).
        paced: { type: 'string', default: 'auto' },
      },
    }).values;
  } catch (error) {
    return usageError(`${error instanceof Error ? error.message : String(error)}; usage: npm run bench [-- --only golden,load,artillery] [--ladder N@R,…] [--side-by-side N@R,…] [--warm-runs n] [--workers-sweep n,…] [--pairs n] [--chain reference,paced] [--paced step=<ms>|real-pacing]`);
  }
})();
const only = new Set(flags.only.split(','));
/** `N@R`: N users over a ramp of R seconds. */
const plans = (spec: string) =>
  spec.split(',').map((x) => {
    const [n, r] = x.split('@');
    return { users: Number(n), rampS: Number(r ?? 10) };
  });
const ladder = plans(flags.ladder);
const sideBySide = plans(flags['side-by-side']);
const warmRuns = Number(flags['warm-runs']);
const sweep = flags['workers-sweep'].split(',').filter(Boolean).map(Number);
const badPlan = (p: { users: number; rampS: number }) => !Number.isInteger(p.users) || p.users < 1 || p.users > MAX_USERS || !(p.rampS > 0 && p.rampS <= 120);
const pairs = Number(flags.pairs);
const chainModes = flags.chain.split(',').filter(Boolean) as ChainModeName[];
const paced = flags.paced === 'auto' ? (readFileSync(path.join(root, 'platform', 'main.ts'), 'utf8').includes('PLATFORM_VARIANTS') ? 'real-pacing' : 'step=2000') : flags.paced;
if (!(Number.isInteger(pairs) && pairs >= 1 && pairs <= 20) || chainModes.some((m) => m !== 'reference' && m !== 'paced')) usageError('bench bounds: pairs 1..20, --chain of reference,paced');
if ([...ladder, ...sideBySide].some(badPlan) || !(Number.isInteger(warmRuns) && warmRuns >= 0 && warmRuns <= 10) || sweep.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) {
  usageError(`bench bounds: ladder and artillery users 1..${MAX_USERS}, warm runs 0..10, workers 1..8, ramp ≤ 120 s`);
}

const log = (line: string) => console.log(`bench: ${line}`);
const load1 = () => os.loadavg()[0] ?? 0;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');

async function goldenRun(label: string, workers: number, cold: boolean, tmp: string): Promise<GoldenMeasure> {
  const timings = path.join(resultsDir, `golden-timings-${stamp}-${label.replace(/\W+/g, '-')}.json`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'golden-bench-out-'));
  const loadAvg1m = load1();
  const done = await run('npx', ['playwright', 'test', '--project=local'], {
    cwd: root,
    timeoutMs: 180_000,
    env: {
      ...process.env,
      ...urlsOf(ports),
      // A fresh TMPDIR holds no Playwright transform cache and no tsx cache: the first run after install.
      TMPDIR: tmp,
      GOLDEN_WORKERS: String(workers),
      GOLDEN_TIMINGS: timings,
      PW_OUTPUT_DIR: path.join(scratch, 'test-results'),
      ALLURE_RESULTS_DIR: path.join(scratch, 'allure-results'),
    },
  });
  const verdict = /GOLDEN PATH (PASS|FAIL)/.exec(done.stdout)?.[1] ?? `no verdict (exit ${done.code}${done.timedOut ? ', timed out' : ''})`;
  writeFileSync(timings.replace(/\.json$/, '.out.txt'), `${done.stdout}\n--- stderr ---\n${done.stderr}`);
  if (verdict !== 'PASS') log(`golden ${label} was not green: ${/✗ \[[A-Z_]+\][^\n]*\n[^\n]*/.exec(done.stdout)?.[0] ?? 'see the .out.txt next to its timings'}`);
  const split = splitGoldenRun(JSON.parse(readFileSync(timings, 'utf8')) as RunTimings, done.spawnAtMs, done.exitAtMs);
  rmSync(scratch, { recursive: true, force: true });
  log(`golden ${label}: ${(split.wallMs / 1000).toFixed(1)} s, ${verdict}, longest test ${(split.longestTest.durationMs / 1000).toFixed(1)} s`);
  return { label, workers, cold, exitCode: done.code, verdict, loadAvg1m, split };
}

async function goldenBench(): Promise<BenchResults['golden']> {
  const defaultWorkers = workersFrom(process.env.GOLDEN_WORKERS) ?? DEFAULT_GOLDEN_WORKERS;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'golden-bench-tmp-'));
  try {
    const cold = await goldenRun('cold', defaultWorkers, true, tmp);
    // The parts of the runner's start-up, measured alone: the CLI with the config and test
    // collection (`--list`), and the reference platform's own start (what webServer waits for).
    const listMs: number[] = [];
    const platformStartMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const listed = await run('npx', ['playwright', 'test', '--project=local', '--list'], { cwd: root, timeoutMs: 60_000, env: { ...process.env, ...urlsOf(ports), TMPDIR: tmp } });
      listMs.push(listed.wallMs);
      const platform = await startPlatform(root, ports, { TMPDIR: tmp });
      platformStartMs.push(platform.startMs);
      await platform.stop();
    }
    // Rounds alternate the worker counts, so that other load on the machine falls on all alike.
    const warm: GoldenMeasure[] = [];
    const swept: GoldenMeasure[] = [];
    const others = sweep.filter((x) => x !== defaultWorkers);
    for (let i = 1; i <= warmRuns; i++) {
      warm.push(await goldenRun(`warm ${i}`, defaultWorkers, false, tmp));
      for (const w of others) swept.push(await goldenRun(`warm ${i}, GOLDEN_WORKERS=${w}`, w, false, tmp));
    }
    return { cold, warm, sweep: swept, listMs: median(listMs), platformStartMs: median(platformStartMs) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function toolRunFrom(tool: string, users: number, done: Finished, serverPeakSockets: number, loadAvg1m: number, extra: Partial<ToolRun>): ToolRun {
  const cpuS = done.cpu ? done.cpu.userS + done.cpu.systemS : done.tree.cpuSeconds;
  return {
    tool,
    users,
    succeeded: 0,
    failed: 0,
    serverPeakSockets,
    wallS: done.wallMs / 1000,
    cpuS,
    cpuPercentOfOneCore: (cpuS / (done.wallMs / 1000)) * 100,
    peakRssMb: Math.max(done.tree.peakRssMb, done.cpu?.maxRssOfLargestMb ?? 0),
    errors: {},
    loadAvg1m,
    ...extra,
  };
}

/** One load run on a fresh platform, by either engine, measured from outside alike (/usr/bin/time, the server's socket count). */
async function loadAt(engine: LoadEngine, users: number, rampS: number): Promise<{ report: LoadReport; tool: ToolRun }> {
  const platform = await startPlatform(root, ports);
  const poller = pollOpenSockets(urlsOf(ports).BACKEND_URL);
  const out = path.join(resultsDir, `load-bench-${stamp}-${engine}-${users}u-${rampS}s.json`);
  const loadAvg1m = load1();
  try {
    const done = await run(process.execPath, ['--import', 'tsx', 'scripts/load.ts', '--engine', engine, '--users', String(users), '--ramp', `${rampS}s`, '--env', 'local', '--out', out], {
      cwd: root,
      timeoutMs: (rampS * 2 + 150) * 1_000,
      timed: true,
      env: { ...process.env, ...urlsOf(ports) },
    });
    writeFileSync(out.replace(/\.json$/, '.out.txt'), `${done.stdout}\n--- stderr ---\n${done.stderr}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as LoadReport;
    const step = (s: keyof typeof USER_STEPS) => report.steps.find((x) => x.measure === USER_STEPS[s].label);
    const tool = toolRunFrom(report.tool, users, done, poller.stop(), loadAvg1m, {
      succeeded: report.users.succeeded,
      failed: report.users.failed + report.users.unfinished,
      welcome: step('connect'),
      firstEvent: step('firstEvent'),
      completed: step('run'),
      stampToHandled: report.clientAdded.serverStampToVerdict,
      frameToVerdict: report.clientAdded.frameToVerdict,
      errors: Object.fromEntries(report.errors.map((e) => [e.failureClass, e.count])),
    });
    return { report, tool };
  } finally {
    poller.stop();
    await platform.stop();
  }
}

async function ladderBench(): Promise<BenchResults['ladder']> {
  const rungs: LadderRung[] = [];
  let maxUsers = 0;
  const failedRamps = new Set<number>();
  for (const { users, rampS } of ladder) {
    // A ramp that failed at N users is not tried with more users at the same ramp.
    if (failedRamps.has(rampS)) continue;
    log(`load: ${users} users over ${rampS} s`);
    const { report, tool } = await loadAt('own', users, rampS);
    const why = report.successRate < 1 ? `${report.users.succeeded}/${users} succeeded` : report.clientAdded.p95BoundMs >= ADDED_P95_GOAL_MS ? `added p95 ${report.clientAdded.p95BoundMs.toFixed(1)} ms` : '';
    rungs.push({ users, rampS, pass: !why, why, report, tool });
    log(`load ${users}@${rampS}s: ${why || 'pass'} (added p95 ${report.clientAdded.p95BoundMs.toFixed(2)} ms, CPU ${tool.cpuS.toFixed(1)} s, RSS ${Math.round(tool.peakRssMb)} MB)`);
    if (why) failedRamps.add(rampS);
    else maxUsers = Math.max(maxUsers, users);
  }
  return { rungs, maxUsers, goalMs: ADDED_P95_GOAL_MS };
}

async function main(): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  const results: BenchResults = {
    meta: {
      startedAt: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim(),
      notes: [],
    },
  };
  let chain: ChainSummary[] = [];
  const save = () => {
    writeFileSync(path.join(resultsDir, `bench-${stamp}.json`), JSON.stringify(results, null, 2));
    writeFileSync(path.join(resultsDir, `bench-${stamp}.md`), renderBench(results) + (chain.length ? `\n${renderChain(chain)}` : ''));
  };
  if (only.has('golden')) {
    results.golden = await goldenBench();
    save();
  }
  if (only.has('chain')) {
    chain = await chainBench({ root, resultsDir, stamp, ports, pairs, modes: chainModes, paced, log });
    writeFileSync(path.join(resultsDir, `bench-${stamp}-chain.json`), JSON.stringify(chain, null, 2));
  }
  if (only.has('load')) {
    results.ladder = await ladderBench();
    save();
  }
  if (only.has('artillery')) {
    results.sideBySide = [];
    for (const { users, rampS } of sideBySide) {
      log(`side by side at ${users} users over ${rampS} s: ours, then Artillery ${ARTILLERY_VERSION}`);
      const ours = (await loadAt('own', users, rampS)).tool;
      const artillery = (await loadAt('artillery', users, rampS)).tool;
      results.sideBySide.push({ users, rampS, ours, artillery, artilleryVersion: ARTILLERY_VERSION });
      save();
    }
  }
  results.meta.notes.push(`load average (1 min) at the end: ${load1().toFixed(1)}; other people's runs share this machine, see each row's load avg`);
  save();
  console.log(`\n${renderBench(results)}${chain.length ? `\n${renderChain(chain)}` : ''}\nwritten to bench-results/bench-${stamp}.json and .md`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
