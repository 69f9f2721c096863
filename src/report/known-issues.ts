import { FAILURE_CLASS_NAMES, type FailureClass } from '../contract/failure-classes';

/**
 * Known issues: an outage already being worked on, so that the report shows its failures as
 * known (a bug icon, the Resolutions tab, the ticket linked) rather than as new. They stay
 * failures: the golden path and the quality gate are still red, because the platform still
 * does not work for a user. The file (`known-issues.json`, committed) is QA's; this module
 * turns it into Allure 3's resolution rules (allurerc `resolutions`).
 *
 * An issue matches a failed test by its failure class, optionally narrowed to environments
 * and to a piece of the message (plain text, not a pattern: "answered HTTP 404").
 */
export interface LinkTemplate {
  /** The ticket's URL with `%s` where its id goes: `https://tracker.example.com/browse/%s`. */
  urlTemplate: string;
  nameTemplate?: string;
}

export interface KnownIssue {
  /** A key of `trackers`. */
  tracker: string;
  id: string;
  class: FailureClass;
  environments?: string[];
  message?: string;
  /** Who is on it and since when; shown in the report. */
  comment: string;
}

export interface KnownIssuesFile {
  trackers: Record<string, LinkTemplate>;
  issues: KnownIssue[];
}

/** Allure 3's `IssueResolutionRule` (allurerc `resolutions.rules`). */
export interface IssueRule {
  resolution: 'issue';
  issue: { id: string; type: string };
  comment: string;
  messageRegexp: string;
  environment?: string[];
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and checks the file; every problem is named, with the entry it is in. */
export function parseKnownIssues(text: string, file: string): KnownIssuesFile {
  const invalid = (problem: string): never => {
    throw new Error(`[CONFIG_INVALID] ${file}: ${problem}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return invalid(`not JSON (${(error as Error).message})`);
  }
  if (!isRecord(raw) || !isRecord(raw.trackers) || !Array.isArray(raw.issues)) return invalid('expected { "trackers": {…}, "issues": […] }');
  const trackers: Record<string, LinkTemplate> = {};
  for (const [name, t] of Object.entries(raw.trackers)) {
    if (!isRecord(t) || !nonEmpty(t.urlTemplate) || t.urlTemplate.split('%s').length !== 2) {
      invalid(`trackers.${name}.urlTemplate must be a URL with exactly one %s`);
    } else {
      trackers[name] = { urlTemplate: t.urlTemplate, ...(nonEmpty(t.nameTemplate) ? { nameTemplate: t.nameTemplate } : {}) };
    }
  }
  const issues = raw.issues.map((entry, i): KnownIssue => {
    const where = `issues[${i}]`;
    if (!isRecord(entry)) return invalid(`${where} must be an object`);
    const { tracker, id, comment, environments, message } = entry;
    if (!nonEmpty(tracker) || !(tracker in trackers)) return invalid(`${where}.tracker must be one of the trackers (${Object.keys(trackers).join(', ') || 'none defined'})`);
    if (!nonEmpty(id)) return invalid(`${where}.id must be the ticket's id`);
    if (!nonEmpty(entry.class) || !FAILURE_CLASS_NAMES.includes(entry.class as FailureClass)) {
      return invalid(`${where}.class must be a failure class (${FAILURE_CLASS_NAMES.join(', ')})`);
    }
    if (!nonEmpty(comment)) return invalid(`${where}.comment must say who is on it`);
    if (environments !== undefined && (!Array.isArray(environments) || environments.length === 0 || !environments.every(nonEmpty))) {
      return invalid(`${where}.environments must be a non-empty list of environment names`);
    }
    if (message !== undefined && !nonEmpty(message)) return invalid(`${where}.message must be a non-empty piece of the failure message`);
    return { tracker, id, class: entry.class as FailureClass, comment, ...(environments ? { environments: environments as string[] } : {}), ...(message ? { message } : {}) };
  });
  const ids = issues.map((i) => i.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) invalid(`issue ${repeated} is listed twice (one entry per ticket)`);
  return { trackers, issues };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The message of a failure of this class, as allure-playwright writes it ("GoldenPathFailure: [X] …"). */
export function classMessageRegexp(failureClass: FailureClass, piece?: string): string {
  const prefix = `^\\s*(?:[A-Za-z]+:\\s*)?\\[${failureClass}\\]`;
  return piece ? `${prefix}[\\s\\S]*${escapeRegExp(piece)}` : prefix;
}

export function knownIssueRules(file: KnownIssuesFile): IssueRule[] {
  return file.issues.map((i) => ({
    resolution: 'issue',
    issue: { id: i.id, type: i.tracker },
    comment: i.comment,
    messageRegexp: classMessageRegexp(i.class, i.message),
    ...(i.environments ? { environment: i.environments } : {}),
  }));
}
