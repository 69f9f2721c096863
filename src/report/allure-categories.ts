import { FAILURE_CLASS_NAMES, SUITE_PROBLEM_CLASSES, failureClassOf, type FailureClass } from '../contract/failure-classes';

/**
 * How the Allure report sorts what went wrong. Every
 * failure message starts with its class (contract section 8), so the report can say at a
 * glance whose problem a red test is:
 *
 * - "Platform broken": a failure class of the platform (FRONTEND_*, AUTH_*, WS_*, AGENT_*, …).
 * - "Too slow": SLA_EXCEEDED, a hard budget exceeded.
 * - "Suite problem": CONFIG_INVALID, NOT_REALLY_EXECUTED, and any failure without a class
 *   (an exception in the suite, a Playwright timeout that no golden step caught).
 * - "Flaky": passed only on a retry, or flagged flaky by Allure from the history.
 *
 * The shapes are Allure 3's category rules (allurerc `categories`); the matchers are plain
 * predicates so they stay testable without Allure.
 */
export interface MatchingData {
  status: string;
  message?: string;
  flaky: boolean;
}

export type Bucket = 'platform broken' | 'too slow' | 'suite problem' | 'flaky';

export interface CategoryRule {
  id: string;
  name: string;
  matchers: ((d: MatchingData) => boolean)[];
  groupBy: { label: string }[];
  groupByMessage: boolean;
  expand: boolean;
}

/** The label the golden-steps fixture puts on a failed test: its class. */
export const FAILURE_CLASS_LABEL = 'failure-class';

const TOO_SLOW: readonly FailureClass[] = ['SLA_EXCEEDED'];
export const PLATFORM_CLASSES: readonly FailureClass[] = FAILURE_CLASS_NAMES.filter(
  (c) => !SUITE_PROBLEM_CLASSES.includes(c) && !TOO_SLOW.includes(c),
);

const red = (d: MatchingData) => d.status === 'failed' || d.status === 'broken';

/** The bucket of one result, or undefined for a test that passed cleanly or was skipped. */
export function bucketOf(d: MatchingData): Bucket | undefined {
  if (red(d)) {
    const cls = failureClassOf(d.message);
    if (cls && PLATFORM_CLASSES.includes(cls)) return 'platform broken';
    if (cls && TOO_SLOW.includes(cls)) return 'too slow';
    return 'suite problem';
  }
  return d.flaky ? 'flaky' : undefined;
}

const rule = (bucket: Bucket, name: string, groupByClass: boolean): CategoryRule => ({
  id: `golden-${bucket.replace(/ /g, '-')}`,
  name,
  matchers: [(d) => bucketOf(d) === bucket],
  groupBy: groupByClass ? [{ label: FAILURE_CLASS_LABEL }] : [],
  groupByMessage: true,
  expand: true,
});

export const GOLDEN_CATEGORIES: readonly CategoryRule[] = [
  rule('platform broken', 'Platform broken', true),
  rule('too slow', 'Too slow (SLA_EXCEEDED)', false),
  rule('suite problem', 'Suite problem (CONFIG_INVALID, NOT_REALLY_EXECUTED, test errors)', false),
  rule('flaky', 'Flaky (passed only on retry)', false),
];
