import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AllureConfig } from 'allure';
import { ENVIRONMENTS, isChatAllowed } from './src/config/environment';
import { GOLDEN_CATEGORIES } from './src/report/allure-categories';
import { reportName } from './src/report/allure-run-info';
import { STAGE_LABEL } from './src/report/allure-golden-metadata';
import { knownIssueRules, parseKnownIssues } from './src/report/known-issues';
import { declaredGoldenTests } from './src/verdict/golden-manifest';

/**
 * Allure Report 3 for the golden path (`npm run report`, `npm run report:single`,
 * `npm run report:open`; the plain `npx allure generate|open|quality-gate` read it too).
 *
 * GOLDEN_ENV names the environment the results came from (`npm run report` reads it from the
 * results' environment.properties); it names the report and sets the gate's test count.
 */
const environment = process.env.GOLDEN_ENV;
const name = reportName(environment);
// Production runs the read-only golden tests only, unless chat is allowed there. The report
// job has no env files or secrets, so it reads the flag from its own environment (the workflow
// passes the same repository variable to both).
const chatAllowed = isChatAllowed(environment, process.env.ALLOW_PRODUCTION_CHAT);
const output = process.env.ALLURE_REPORT_DIR ?? 'allure-report';
// QA's list of outages already being worked on (docs/reports.md, "Known issues"); GOLDEN_KNOWN_ISSUES
// points elsewhere, e.g. to try an entry out.
const knownIssuesFile = process.env.GOLDEN_KNOWN_ISSUES ?? path.join(__dirname, 'known-issues.json');
const knownIssues = parseKnownIssues(readFileSync(knownIssuesFile, 'utf8'), knownIssuesFile);

// A plain object, typed only: importing a value from 'allure' would start its command line.
const config: AllureConfig = {
  name,
  output,
  // One point per run: pass rate and per-test durations across runs (CI keeps it on the branch
  // allure-history: scripts/allure-history-branch.sh).
  historyPath: process.env.ALLURE_HISTORY_PATH ?? 'allure-history.jsonl',
  historyLimit: 90,
  // "platform broken" / "too slow" / "suite problem" / "flaky", from the class every failure
  // message starts with (contract section 8); see src/report/allure-categories.ts.
  categories: { rules: GOLDEN_CATEGORIES.map((c) => ({ ...c, matchers: [...c.matchers], groupBy: [...c.groupBy] })) },
  // A failure that matches a known issue shows as known, with its ticket; it still counts for
  // the quality gate (only "muted" and "accepted" would not, and neither is used here). Allure
  // writes the known issues this report hit to knownIssuesPath (npm run report puts it in the
  // report folder it builds).
  resolutions: {
    knownIssuesPath: path.join(output, 'known-issues-matched.json'),
    links: knownIssues.trackers,
    rules: knownIssueRules(knownIssues),
  },
  // Green means: nothing failed, and at least every declared golden test ran.
  qualityGate: {
    rules: [{ maxFailures: 0, minTestsCount: declaredGoldenTests(chatAllowed).length }],
  },
  // Results of several environments in one report get one tab each (the fixture labels them).
  environments: Object.fromEntries(
    ENVIRONMENTS.map((env) => [env, { matcher: ({ labels }) => labels.some((l) => l.name === 'environment' && l.value === env) }]),
  ),
  plugins: {
    awesome: {
      options: {
        reportName: name,
        singleFile: process.env.ALLURE_SINGLE_FILE === '1',
        reportLanguage: 'en',
        // By stage, numbered in golden-path order ("1 · frontend" … "7 · unhappy", the run-info
        // reporter labels each result) and sorted by name: Allure orders groups by name or by
        // start time, and the stages run in parallel.
        groupBy: [STAGE_LABEL],
        defaultSortBy: 'name,asc',
        // Graphs: the trends first (pass rate and duration across runs), then where it hurts.
        charts: [
          { type: 'currentStatus', title: 'Golden path now' },
          { type: 'statusDynamics', title: 'Pass rate, run by run' },
          { type: 'durationDynamics', title: 'Duration, run by run' },
          { type: 'stabilityDistribution', title: 'Stability by stage', groupBy: `label-name:${STAGE_LABEL}`, threshold: 90, skipStatuses: ['skipped', 'unknown'] },
          { type: 'statusTransitions', title: 'Newly broken and fixed' },
          { type: 'durations', title: 'Test durations', groupBy: 'none' },
        ],
        // The timeline shows each test (and its steps) on the run's clock: a slow step stands out.
        sections: ['charts', 'timeline'],
        // Golden steps show as one line each with their duration; a failed one opens by itself.
        stepTreeExpansion: 'expand_failed_only',
      },
    },
  },
};

export default config;
