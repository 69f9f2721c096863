import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuLine, summarisePairs, type ChainModeName, type ChainPair, type ChainSummary } from '../../src/bench/chain-ratio';
import type { CpuByPart } from '../../src/bench/cpu-parts';
import { readCpuTimes, stolenShare } from '../../src/bench/cpu-steal';
import { loadEnvironment } from '../../src/config/environment';
import { splitGoldenRun, type GoldenSplit, type RunTimings } from '../../src/bench/golden-split';
import { run, startPlatform, urlsOf, type Ports } from './children';

/**
 * `npm run bench -- --only chain`: the golden path against its bare critical chain
 * (scripts/bench/chain/), in pairs, on the reference platform and on the platform paced like a
 * real model. Paced, the golden path runs as `--project=staging` aimed at the local platform
 * (contract default budgets, staging's floors, e2e bypass), the bench starting the platform
 * once for all pairs; the chain then starts none either.
 */
export interface ChainBenchOptions {
  root: string;
  resultsDir: string;
  stamp: string;
  ports: Ports;
  pairs: number;
  modes: readonly ChainModeName[];
  /** `real-pacing` (the platform's variant) or `step=<ms>` (PLATFORM_AGENT_STEP_MS). */
  paced: string;
  log: (line: string) => void;
}

interface Timed {
  split: GoldenSplit;
  verdict: string;
  workers: string;
  /** The share of the machine's CPU the host took during the run. */
  stolen: number | undefined;
  /** CPU seconds of the run's processes, by part (src/bench/cpu-parts.ts); undefined without /proc. */
  cpu: CpuByPart | undefined;
}

/** The local platform's published bypass key (env/local.env, contract section 9), never a real secret. */
const localBypassKey = (root: string) => loadEnvironment('local', { rootDir: root, processEnv: {} }).secrets.bypassKey ?? '';

async function timedRun(o: ChainBenchOptions, label: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'chain-bench-'));
  // Kept next to the output: each test's start and duration per worker is the "where it goes".
  const timings = path.join(o.resultsDir, `chain-${o.stamp}-${label.replace(/\W+/g, '-')}.timings.json`);
  try {
    const before = readCpuTimes();
    const done = await run('npx', ['playwright', 'test', ...args], {
      cwd: o.root,
      timeoutMs: 240_000,
      env: { ...process.env, ...urlsOf(o.ports), ...env, GOLDEN_TIMINGS: timings, PW_OUTPUT_DIR: path.join(scratch, 'test-results'), ALLURE_RESULTS_DIR: path.join(scratch, 'allure-results') },
    });
    const stolen = stolenShare(before, readCpuTimes());
    writeFileSync(timings.replace(/\.timings\.json$/, '.out.txt'), `${done.stdout}\n--- stderr ---\n${done.stderr}`);
    const golden = /GOLDEN PATH (PASS|FAIL)/.exec(done.stdout)?.[1];
    const verdict = golden ?? (done.code === 0 ? 'PASS' : `exit ${done.code}${done.timedOut ? ', timed out' : ''}`);
    const split = splitGoldenRun(JSON.parse(readFileSync(timings, 'utf8')) as RunTimings, done.spawnAtMs, done.exitAtMs);
    const workers = /using (\d+) workers?/.exec(done.stdout)?.[1] ?? '?';
    const took = stolen === undefined ? '' : `, the host took ${Math.round(stolen * 100)} % of the CPU`;
    const cpu = Object.keys(done.tree.byPart).length ? done.tree.byPart : undefined;
    o.log(`${label}: ${(split.wallMs / 1000).toFixed(1)} s, ${verdict}, ${workers} worker(s), longest test ${(split.longestTest.durationMs / 1000).toFixed(1)} s (${split.longestTest.stage})${took}${cpu ? `; CPU ${cpuLine(cpu)}` : ''}`);
    return { split, verdict, workers, stolen, cpu };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function pacedPlatformEnv(paced: string): { env: NodeJS.ProcessEnv; floors: NodeJS.ProcessEnv } {
  if (paced === 'real-pacing') return { env: { PLATFORM_VARIANTS: 'real-pacing' }, floors: {} };
  const step = /^step=(\d+)$/.exec(paced)?.[1];
  if (!step) throw new Error(`[CONFIG_INVALID] --paced ${paced}: expected real-pacing or step=<ms>`);
  // Pacing by steps adds no network latency: a loopback answer is faster than staging's floors
  // for HTTP, token and connect assume (docs/running.md, floors), as for any nearby deployment.
  return { env: { PLATFORM_AGENT_STEP_MS: step }, floors: { FLOOR_HTTP_MS: '0', FLOOR_TOKEN_MS: '0', FLOOR_WS_CONNECT_MS: '0', FLOOR_PAGE_LOAD_MS: '20' } };
}

async function pairsOf(o: ChainBenchOptions, mode: ChainModeName, golden: { args: string[]; env: NodeJS.ProcessEnv }, chainEnv: NodeJS.ProcessEnv): Promise<{ pairs: ChainPair[]; workers: string }> {
  const chainArgs = ['-c', 'scripts/bench/chain/critical-chain.config.ts'];
  // One unrecorded round first: the transform caches and the platform's first answers warm up.
  await timedRun(o, `${mode} warm-up golden`, golden.args, golden.env);
  await timedRun(o, `${mode} warm-up chain`, chainArgs, chainEnv);
  const pairs: ChainPair[] = [];
  let workers = '?';
  for (let i = 1; i <= o.pairs; i++) {
    const goldenFirst = i % 2 === 1;
    const loadAvg1m = os.loadavg()[0] ?? 0;
    const one = async (which: 'golden' | 'chain') =>
      which === 'golden' ? timedRun(o, `${mode} pair ${i} golden`, golden.args, golden.env) : timedRun(o, `${mode} pair ${i} chain`, chainArgs, chainEnv);
    const first = await one(goldenFirst ? 'golden' : 'chain');
    const second = await one(goldenFirst ? 'chain' : 'golden');
    const [g, c] = goldenFirst ? [first, second] : [second, first];
    workers = g.workers;
    const stolen = g.stolen === undefined && c.stolen === undefined ? undefined : { golden: g.stolen, chain: c.stolen };
    pairs.push({ index: i, order: goldenFirst ? 'golden first' : 'chain first', loadAvg1m, golden: g.split, goldenVerdict: g.verdict, chain: c.split, chainPassed: c.verdict === 'PASS', stolen, cpu: g.cpu && c.cpu ? { golden: g.cpu, chain: c.cpu } : undefined });
  }
  return { pairs, workers };
}

export async function chainBench(o: ChainBenchOptions): Promise<ChainSummary[]> {
  const out: ChainSummary[] = [];
  if (o.modes.includes('reference')) {
    const { pairs, workers } = await pairsOf(o, 'reference', { args: ['--project=local'], env: {} }, {});
    out.push(summarisePairs('reference', 'reference pacing', workers, pairs));
  }
  if (o.modes.includes('paced')) {
    const { env, floors } = pacedPlatformEnv(o.paced);
    const platform = await startPlatform(o.root, o.ports, env);
    try {
      const staging = { AUTH_MODE: 'e2e-bypass', E2E_BYPASS_KEY: localBypassKey(o.root), ...floors };
      const { pairs, workers } = await pairsOf(o, 'paced', { args: ['--project=staging'], env: staging }, { CHAIN_START_PLATFORM: '0' });
      out.push(summarisePairs('paced', Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' '), workers, pairs));
    } finally {
      await platform.stop();
    }
  }
  return out;
}
