import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { getResolutionByRules, isIgnoredFailure, validateResolutionsConfig } from '@allurereport/core';
import { knownIssueRules, parseKnownIssues } from './known-issues';

const file = (issues: unknown[], trackers: unknown = { jira: { urlTemplate: 'https://tracker.example.com/browse/%s' } }) =>
  JSON.stringify({ trackers, issues });
const outage = { tracker: 'jira', id: 'PLAT-42', class: 'WS_UPGRADE_REJECTED', environments: ['staging'], comment: 'infra (Dana) since 1 Dec: the LB lost its /ws route' };
const failed = (message: string, environment = 'staging') =>
  ({ status: 'failed', error: { message }, environment, testCase: undefined, retryHash: undefined }) as unknown as Parameters<typeof getResolutionByRules>[0];

test('the committed file is valid and lists no outage', () => {
  const committed = parseKnownIssues(readFileSync(path.resolve(__dirname, '../../known-issues.json'), 'utf8'), 'known-issues.json');
  expect(committed.issues).toEqual([]);
});

test("an issue becomes an Allure rule that marks its class's failures in its environments, and nothing else", () => {
  const config = { links: parseKnownIssues(file([outage]), 'k.json').trackers, rules: knownIssueRules(parseKnownIssues(file([outage]), 'k.json')) };
  // Allure's own checks accept it (tracker templates, ids, matchers).
  expect(() => validateResolutionsConfig(config)).not.toThrow();
  const known = getResolutionByRules(failed('GoldenPathFailure: [WS_UPGRADE_REJECTED] upgrade to wss://staging/ws answered HTTP 404'), config);
  expect(known).toMatchObject({ resolution: 'issue', issue: { id: 'PLAT-42', type: 'jira' } });
  // Known is not forgiven: Allure's quality gate ignores "muted" and "accepted" failures only.
  expect(isIgnoredFailure({ resolution: 'issue' } as Parameters<typeof isIgnoredFailure>[0])).toBe(false);
  expect(getResolutionByRules(failed('[WS_UPGRADE_REJECTED] answered HTTP 404'), config)?.resolution).toBe('issue');
  // Another class, another environment, or a passed test: not this issue.
  expect(getResolutionByRules(failed('GoldenPathFailure: [WS_SERVER_ERROR] close 1011'), config)).toBeUndefined();
  expect(getResolutionByRules(failed('GoldenPathFailure: [WS_UPGRADE_REJECTED] 404', 'production'), config)).toBeUndefined();
  expect(getResolutionByRules({ ...failed('[WS_UPGRADE_REJECTED] 404'), status: 'passed' }, config)).toBeUndefined();
  // The class must open the message: a message merely quoting it is not matched.
  expect(getResolutionByRules(failed('GoldenPathFailure: [AGENT_ERROR] the agent said "[WS_UPGRADE_REJECTED]"'), config)).toBeUndefined();
});

test('a piece of message narrows an issue, as plain text', () => {
  const narrowed = parseKnownIssues(file([{ ...outage, environments: undefined, message: 'answered HTTP 404 (x)' }]), 'k.json');
  const config = { links: narrowed.trackers, rules: knownIssueRules(narrowed) };
  expect(getResolutionByRules(failed('GoldenPathFailure: [WS_UPGRADE_REJECTED] upgrade answered HTTP 404 (x); body: …', 'local'), config)?.resolution).toBe('issue');
  expect(getResolutionByRules(failed('GoldenPathFailure: [WS_UPGRADE_REJECTED] upgrade answered HTTP 404 x', 'local'), config)).toBeUndefined();
  expect(getResolutionByRules(failed('GoldenPathFailure: [WS_UPGRADE_REJECTED] upgrade answered HTTP 502', 'local'), config)).toBeUndefined();
});

test('a mistake in the file stops the report with CONFIG_INVALID naming the entry', () => {
  const bad: [string, RegExp][] = [
    ['{', /not JSON/],
    [JSON.stringify({ issues: [] }), /expected \{ "trackers"/],
    [file([{ ...outage, class: 'WS_404' }]), /issues\[0\]\.class must be a failure class/],
    [file([{ ...outage, tracker: 'github' }]), /issues\[0\]\.tracker must be one of the trackers \(jira\)/],
    [file([{ ...outage, comment: ' ' }]), /issues\[0\]\.comment/],
    [file([{ ...outage, environments: [] }]), /issues\[0\]\.environments/],
    [file([outage, outage]), /PLAT-42 is listed twice/],
    [file([], { jira: { urlTemplate: 'https://tracker.example.com/browse/' } }), /trackers\.jira\.urlTemplate/],
  ];
  for (const [text, problem] of bad) {
    expect(() => parseKnownIssues(text, 'known-issues.json'), text).toThrow(/^\[CONFIG_INVALID\] known-issues\.json: /);
    expect(() => parseKnownIssues(text, 'known-issues.json'), text).toThrow(problem);
  }
});
