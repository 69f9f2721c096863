import { pathToFileURL } from 'node:url';
import { failureClassOf, type FailureClass } from '../contract/failure-classes';
import { GOLDEN_TESTS, STAGES, stageOfFile } from '../verdict/golden-manifest';

/**
 * What the Allure report adds to each golden test's result, from the main process (no worker
 * sends a message for it):
 *
 * - `epic` "Golden path", `feature` the stage, `story` the test's title, `severity` critical and
 *   `environment` the project's environment: the Behaviors tab and the environment filter;
 * - the `stage` label, "1 · frontend" … "7 · unhappy": the report's tree groups by it, and its
 *   number makes the tree read in golden-path order, not alphabetically (Allure sorts groups
 *   by name or by start time, never by a declared order);
 * - on a failed test, a link from its failure class to the class's explanation in
 *   docs/failure-classes.md (one row and one anchor per class).
 *
 * The shape is allure-js's runtime metadata message, the one `allure.label()` sends.
 */
export const STAGE_LABEL = 'stage';

export interface AllureLabel {
  name: string;
  value: string;
}

export interface AllureLink {
  name: string;
  url: string;
  type: string;
}

export interface AllureMetadataMessage {
  type: 'metadata';
  data: { labels: AllureLabel[]; links: AllureLink[] };
}

/** The declared stage of a test: by its title (the manifest), else by its folder under tests/. */
export function stageOf(title: string, file: string): (typeof STAGES)[number] | undefined {
  const declared = GOLDEN_TESTS.find((t) => t.title === title)?.stage;
  const folder = stageOfFile(file);
  return STAGES.find((s) => s === declared) ?? STAGES.find((s) => s === folder);
}

export function stageLabelValue(stage: (typeof STAGES)[number]): string {
  return `${STAGES.indexOf(stage) + 1} · ${stage}`;
}

/** The page that explains every failure class, one anchor per class, relative to the repository's root. */
export const FAILURE_CLASSES_PAGE = 'docs/failure-classes.md';

/** The anchor of a class on that page: `WS_UPGRADE_REJECTED` → `ws-upgrade-rejected`. */
export function failureClassAnchor(failureClass: FailureClass): string {
  return failureClass.toLowerCase().replace(/_/g, '-');
}

export interface FailureClassesSource {
  env: NodeJS.ProcessEnv;
  /** `git remote get-url origin`, if any. */
  remote?: string;
  /** The suite's commit, so the anchors are the ones of the page that ran. */
  commit?: string;
  /** The page on this machine: the last resort, for a checkout with no GitHub remote. */
  localPage: string;
}

/**
 * Where the failure classes are read: GOLDEN_FAILURE_CLASSES_URL if set (an internal mirror);
 * on GitHub Actions the page at the run's own commit; else at the commit on a github.com
 * origin; else the local file. Credentials in a remote URL (`https://user:token@github.com/…`)
 * never make it into the link.
 */
export function failureClassesUrl({ env, remote, commit, localPage }: FailureClassesSource): string {
  if (env.GOLDEN_FAILURE_CLASSES_URL) return env.GOLDEN_FAILURE_CLASSES_URL;
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (server && repo && sha) return `${server}/${repo}/blob/${sha}/${FAILURE_CLASSES_PAGE}`;
  const github = remote && githubRepository(remote);
  if (github && commit) return `https://github.com/${github}/blob/${commit}/${FAILURE_CLASSES_PAGE}`;
  return pathToFileURL(localPage).href;
}

/** `owner/name` of a github.com remote (https or ssh form), else undefined. */
export function githubRepository(remote: string): string | undefined {
  const match = remote.trim().match(/^(?:https?:\/\/(?:[^@/]+@)?|ssh:\/\/git@|git@)github\.com[:/]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/);
  return match?.[1];
}

export interface ResultToDescribe {
  title: string;
  file: string;
  status: string;
  errorMessage?: string;
  /** The golden environment of the test's project, when it names one. */
  environment?: string;
}

/** The metadata for one result, or undefined when there is nothing to add; `classesPage` is asked for only when a link is made. */
export function goldenMetadata(result: ResultToDescribe, classesPage: () => string): AllureMetadataMessage | undefined {
  const stage = stageOf(result.title, result.file);
  const labels: AllureLabel[] = stage
    ? [
        { name: 'epic', value: 'Golden path' },
        { name: 'feature', value: stage },
        { name: 'story', value: result.title },
        { name: 'severity', value: 'critical' },
        ...(result.environment ? [{ name: 'environment', value: result.environment }] : []),
        { name: STAGE_LABEL, value: stageLabelValue(stage) },
      ]
    : [];
  const failureClass = result.status === 'passed' || result.status === 'skipped' ? undefined : failureClassOf(result.errorMessage);
  const links = failureClass
    ? [{ name: `${failureClass}: what it means, what usually causes it`, url: `${classesPage()}#${failureClassAnchor(failureClass)}`, type: 'link' }]
    : [];
  return labels.length || links.length ? { type: 'metadata', data: { labels, links } } : undefined;
}
