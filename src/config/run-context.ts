import { ConfigInvalidError, ENVIRONMENTS, loadEnvironment, type EnvironmentName, type GoldenConfig } from './environment';

/**
 * Everything a run is configured by, resolved and validated once per process from the
 * environment files and the process environment, then passed on (project metadata, reporter
 * options, the worker's fixture), never written back into `process.env`.
 *
 * Every environment is resolved, whichever will run: the projects exist in every entry point
 * (CLI, `--list`, UI mode, the VS Code extension), and only Playwright knows which of them a
 * run selects. An environment that does not resolve (a secret missing) keeps its problems
 * instead of stopping the load: it stops the run only when it is selected (runner/global-setup.ts)
 * or when one of its tests starts (fixtures/environment.ts), before any request.
 */
export interface EnvironmentSlot {
  name: EnvironmentName;
  config?: GoldenConfig;
  /** Why it did not resolve, each line naming the variable and the file; empty when it did. */
  problems: string[];
}

export interface RunContext {
  rootDir: string;
  ci: boolean;
  /** GOLDEN_WORKERS when set; otherwise each project's default (runner-defaults.ts). */
  workers: number | undefined;
  environments: Record<EnvironmentName, EnvironmentSlot>;
  /** START_PLATFORM=0: `local` runs against a reference platform started by hand. */
  startPlatform: boolean;
  /** GOLDEN_ALLOW_PARTIAL=1: a partial run may exit 0 under CI. */
  allowPartial: boolean;
  /** TREND_REGRESSION_RATIO: a step this many times its usual duration is "slower than usual" (a warning). */
  trendRatio: number;
  /** Folders the reporters write to; shards get sub-folders (src/report/allure-run-info.ts). */
  output: {
    testDir: string;
    outputDir: string;
    allureResultsOverride?: string;
    historyPath?: string;
    /** GOLDEN_HISTORY_PATH: the golden history (step durations, drift) read for trends and, by a whole run, appended to. */
    goldenHistoryPath?: string;
    blobDir?: string;
    /**
     * Whether this run writes a blob report: for a shard (`--shard`), which `npm run merge`
     * joins, or when PW_BLOB_DIR asks. Any other run has no use for one, and writing it costs a
     * local run about a second.
     */
    blob: boolean;
    htmlDir: string;
    timingsFile?: string;
  };
}

/** What a project carries for reporters and for merge-reports: nothing secret. */
export interface EnvironmentMetadata {
  environment: EnvironmentName;
  chatAllowed?: boolean;
  authMode?: string;
  urls?: GoldenConfig['urls'];
  configProblems?: string[];
}

export interface ResolveOptions {
  rootDir: string;
  processEnv?: NodeJS.ProcessEnv;
  /** The command line; read for `--shard` only (see `shardRequested`). */
  argv?: readonly string[];
}

export function resolveRunContext(options: ResolveOptions): RunContext {
  const env = options.processEnv ?? process.env;
  const environments = {} as Record<EnvironmentName, EnvironmentSlot>;
  for (const name of ENVIRONMENTS) {
    try {
      environments[name] = { name, config: loadEnvironment(name, { rootDir: options.rootDir, processEnv: env }), problems: [] };
    } catch (error) {
      if (!(error instanceof ConfigInvalidError)) throw error;
      environments[name] = { name, problems: error.problems };
    }
  }
  const explicitResults = env.ALLURE_RESULTS_DIR?.trim() || undefined;
  const blobDir = env.PW_BLOB_DIR?.trim() || undefined;
  return {
    rootDir: options.rootDir,
    ci: !!env.CI && env.CI !== '0' && env.CI !== 'false',
    workers: workersFrom(env.GOLDEN_WORKERS),
    environments,
    startPlatform: env.START_PLATFORM !== '0',
    allowPartial: env.GOLDEN_ALLOW_PARTIAL === '1',
    trendRatio: trendRatioFrom(env.TREND_REGRESSION_RATIO),
    output: {
      testDir: env.GOLDEN_TEST_DIR?.trim() || 'tests',
      outputDir: env.PW_OUTPUT_DIR?.trim() || 'test-results',
      allureResultsOverride: explicitResults,
      // A whole run in the usual folder adds its point to the trend; self-test runs do not.
      historyPath: env.ALLURE_HISTORY_PATH?.trim() || (explicitResults ? undefined : 'allure-history.jsonl'),
      goldenHistoryPath: goldenHistoryPathFrom(env),
      blobDir,
      blob: !!blobDir || shardRequested(options.argv ?? process.argv),
      htmlDir: env.PW_HTML_REPORT_DIR?.trim() || 'playwright-report',
      timingsFile: env.GOLDEN_TIMINGS?.trim() || undefined,
    },
  };
}

/**
 * Whether the command line asks for a shard (`--shard=i/n` or `--shard i/n`). The one thing
 * the config takes from the command line, because only a shard needs a blob report and the
 * config cannot see `config.shard`; the entry points without a command line (UI mode, the
 * VS Code extension) never shard. Everything else a run needs comes from the projects, the same
 * for every entry point; a shard not seen here writes no blob, and `npm run merge` says so.
 */
export function shardRequested(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--shard' || arg.startsWith('--shard='));
}

/** The golden history's file: GOLDEN_HISTORY_PATH, else `golden-history.jsonl` for a run in the usual folders (self-test runs, with results of their own, keep none). */
export function goldenHistoryPathFrom(env: NodeJS.ProcessEnv): string | undefined {
  return env.GOLDEN_HISTORY_PATH?.trim() || (env.ALLURE_RESULTS_DIR?.trim() ? undefined : 'golden-history.jsonl');
}

export const DEFAULT_TREND_RATIO = 1.5;

/** TREND_REGRESSION_RATIO: a number above 1 (1.5 when unset); anything else is [CONFIG_INVALID]. */
export function trendRatioFrom(raw: string | undefined): number {
  const value = raw?.trim();
  if (!value) return DEFAULT_TREND_RATIO;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 1 || n > 100) {
    throw new ConfigInvalidError([`TREND_REGRESSION_RATIO=${value} in the process environment must be a number above 1 (e.g. 1.5: half again as slow as usual)`]);
  }
  return n;
}

/** GOLDEN_WORKERS: a whole number of workers, 1 to 64; anything else is [CONFIG_INVALID]. */
export function workersFrom(raw: string | undefined): number | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 64) {
    throw new ConfigInvalidError([`GOLDEN_WORKERS=${value} in the process environment must be a whole number from 1 to 64`]);
  }
  return n;
}

export function environmentMetadata(slot: EnvironmentSlot): EnvironmentMetadata {
  const c = slot.config;
  if (!c) return { environment: slot.name, configProblems: slot.problems };
  return { environment: slot.name, chatAllowed: c.chatAllowed, authMode: c.authMode, urls: c.urls };
}

/** The environment a project runs against, read back from its metadata (undefined: not a golden project). */
export function environmentOf(metadata: unknown): EnvironmentMetadata | undefined {
  const m = metadata as Partial<EnvironmentMetadata> | undefined;
  return m && typeof m.environment === 'string' && (ENVIRONMENTS as readonly string[]).includes(m.environment) ? (m as EnvironmentMetadata) : undefined;
}

const cache = new Map<string, RunContext>();

/**
 * The run context of this process: the config, the reporters and the global setup of one
 * process share one resolution (a worker process resolves its own, once).
 */
export function runContext(rootDir: string): RunContext {
  let context = cache.get(rootDir);
  if (!context) {
    context = resolveRunContext({ rootDir });
    cache.set(rootDir, context);
  }
  return context;
}

/** The environment's configuration, or [CONFIG_INVALID] with every problem it has. */
export function requireEnvironment(context: RunContext, name: EnvironmentName): GoldenConfig {
  const slot = context.environments[name];
  if (!slot.config) throw new ConfigInvalidError(slot.problems.map((p) => `${name}: ${p}`));
  return slot.config;
}
