/**
 * What the Allure report says about the run itself:
 * which environment and URLs, which platform and browser versions, which commit of the suite,
 * which CI build. Also where a run's Allure results go, so the config, the reporters and the
 * report script agree. Pure functions; the shard is the runner's (`config.shard`).
 */

export interface Shard {
  current: number;
  total: number;
}

export const DEFAULT_ALLURE_RESULTS = 'allure-results';

/**
 * A whole run writes `allure-results/`; a shard writes `allure-results/shard-2-of-3/`, so that
 * shards run on one machine do not overwrite each other and `npm run report` (which reads the
 * folder and its sub-folders) merges them. ALLURE_RESULTS_DIR overrides both (the secret scan,
 * the fault matrix and CI jobs give each run its own folder).
 */
export function allureResultsDir(explicit: string | undefined, shard: Shard | undefined): string {
  if (explicit?.trim()) return explicit.trim();
  return shard ? `${DEFAULT_ALLURE_RESULTS}/${shardFolder(shard)}` : DEFAULT_ALLURE_RESULTS;
}

/**
 * Where a shard's Playwright blob report goes: its own folder, because the blob reporter
 * empties its folder first and two shards run on one machine would otherwise erase each other.
 * `npm run merge` collects every zip below `blob-report/`.
 */
export function blobReportDir(explicit: string | undefined, shard: Shard | undefined): string {
  if (explicit?.trim()) return explicit.trim();
  return shard ? `blob-report/${shardFolder(shard)}` : 'blob-report';
}

export function shardFolder(shard: Shard): string {
  return `shard-${shard.current}-of-${shard.total}`;
}

/** Keys Allure shows in the report's Environment panel, in this order. */
export interface RunEnvironment {
  environment: string;
  urls: { frontend: string; auth: string; backend: string; ws: string };
  authMode: string;
  platformVersions: readonly string[];
  browser: string;
  browserVersion: string | undefined;
  playwrightVersion: string | undefined;
  suiteCommit: string | undefined;
  goldenTestsDeclared: number;
  shard: Shard | undefined;
}

export function environmentEntries(run: RunEnvironment): [string, string][] {
  const entries: [string, string | undefined][] = [
    ['Environment', run.environment],
    ['Frontend', run.urls.frontend],
    ['Auth service', run.urls.auth],
    ['Backend', run.urls.backend],
    ['Socket', run.urls.ws],
    ['Auth mode', run.authMode],
    ['Platform versions', run.platformVersions.length ? [...new Set(run.platformVersions)].sort().join(', ') : 'not reported'],
    ['Browser', run.browser],
    ['Browser version', run.browserVersion],
    ['Playwright', run.playwrightVersion],
    ['Suite commit', run.suiteCommit],
    ['Golden tests declared', String(run.goldenTestsDeclared)],
    ['Shard', run.shard ? `${run.shard.current} of ${run.shard.total}` : undefined],
  ];
  return entries.filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
}

/**
 * `environment.properties` as Allure's reader parses it (Java properties): separators and
 * spaces in keys are escaped, and anything outside ASCII is written as \uXXXX.
 */
export function toProperties(entries: readonly [string, string][]): string {
  const escape = (s: string, isKey: boolean) =>
    s
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')
      .replace(/\t/g, '\\t')
      .replace(isKey ? /[ =:#!]/g : /^[ ]|[=:#!]/g, (c) => `\\${c}`)
      .replace(/[^\x20-\x7e\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return entries.map(([k, v]) => `${escape(k, true)}=${escape(v, false)}`).join('\n') + '\n';
}

/** Allure's `executor.json`: the CI build that produced the results, with a link back to it. */
export interface ExecutorInfo {
  name: string;
  type: string;
  url?: string;
  buildOrder?: number;
  buildName?: string;
  buildUrl?: string;
  reportName?: string;
  reportUrl?: string;
}

export function executorInfo(env: NodeJS.ProcessEnv, reportName: string): ExecutorInfo | undefined {
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const attempt = env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1' ? ` (attempt ${env.GITHUB_RUN_ATTEMPT})` : '';
    return {
      name: 'GitHub Actions',
      type: 'github',
      url: `${server}/${env.GITHUB_REPOSITORY}`,
      buildOrder: env.GITHUB_RUN_NUMBER ? Number(env.GITHUB_RUN_NUMBER) : undefined,
      buildName: `${env.GITHUB_WORKFLOW ?? 'workflow'} #${env.GITHUB_RUN_NUMBER ?? env.GITHUB_RUN_ID}${attempt}`,
      buildUrl: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
      reportName,
    };
  }
  if (env.GITLAB_CI === 'true' && env.CI_PIPELINE_URL) {
    return {
      name: 'GitLab CI',
      type: 'gitlab',
      url: env.CI_PROJECT_URL,
      buildOrder: env.CI_PIPELINE_IID ? Number(env.CI_PIPELINE_IID) : undefined,
      buildName: `${env.CI_PROJECT_PATH ?? 'pipeline'} #${env.CI_PIPELINE_IID ?? env.CI_PIPELINE_ID ?? ''}`.trim(),
      buildUrl: env.CI_JOB_URL ?? env.CI_PIPELINE_URL,
      reportName,
    };
  }
  if (env.JENKINS_URL && env.BUILD_URL) {
    return {
      name: 'Jenkins',
      type: 'jenkins',
      url: env.JENKINS_URL,
      buildOrder: env.BUILD_NUMBER ? Number(env.BUILD_NUMBER) : undefined,
      buildName: env.BUILD_DISPLAY_NAME ?? `${env.JOB_NAME ?? 'job'} #${env.BUILD_NUMBER ?? ''}`,
      buildUrl: env.BUILD_URL,
      reportName,
    };
  }
  return undefined;
}

export function reportName(environment: string | undefined): string {
  return environment ? `Netra Apex golden path · ${environment}` : 'Netra Apex golden path';
}
