/**
 * Tells the team about the nightly golden path through one GitHub issue per environment,
 * with the `gh` CLI and the workflow's token (GH_TOKEN, `issues: write`):
 *
 * - red, no issue open: opens "Golden path nightly is red · <env>" (label golden-path-nightly),
 *   with the failures, the run and its reports; everyone watching the repository hears of it;
 * - red again: comments on that same issue (one thread per outage, not one issue per night);
 * - green, an issue open: closes it with a comment naming the green run;
 * - green, none open, or a cancelled run: does nothing.
 *
 * Usage (the nightly's `notify` job; any terminal with `gh auth login` works the same):
 *   node scripts/notify-nightly.ts --result success|failure|cancelled|skipped --environment staging \
 *     --run-url https://github.com/o/r/actions/runs/1 [--summary test-results/golden-path-summary.json] \
 *     [--mention "@netra/qa @dana"]   (a team or people who must hear of it even if not watching)
 *
 * Standalone on purpose (node: modules only, erasable TypeScript): Node 22.18+ runs it as is,
 * without `npm ci`, so a broken install cannot also silence the notification. Node 20: tsx.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const LABEL = 'golden-path-nightly';
const EVIDENCE_CHARS = 300;
const MAX_LISTED = 20;

interface Summary {
  verdict?: string;
  environment?: string;
  counts?: { passed?: number; declared?: number };
  failures?: { failureClass?: string; stage?: string; test?: string; evidence?: string }[];
  guard?: { failureClass?: string; detail?: string }[];
}

interface Issue {
  number: number;
  title: string;
}

const { values } = parseArgs({
  options: {
    result: { type: 'string' },
    environment: { type: 'string' },
    'run-url': { type: 'string' },
    summary: { type: 'string' },
    mention: { type: 'string', default: '' },
  },
});

function fail(message: string): never {
  console.error(`notify-nightly: ${message}`);
  process.exit(2);
}

const result = values.result ?? fail('--result is required (the report job result: success, failure, cancelled, skipped)');
const environment = values.environment ?? fail('--environment is required');
const runUrl = values['run-url'] ?? fail('--run-url is required');
const title = `Golden path nightly is red · ${environment}`;
const mention = values.mention.trim();
if (mention && !/^@[\w.-]+(?:\/[\w.-]+)?(?:\s+@[\w.-]+(?:\/[\w.-]+)?)*$/.test(mention)) {
  fail(`--mention must be GitHub handles or teams (@user @org/team), got: ${mention}`);
}
const cc = mention ? `\n\ncc ${mention}` : '';

function gh(args: string[]): string {
  // Bounded: a hung gh (network) must not hold the job until its own timeout.
  return execFileSync('gh', args, { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'inherit'] });
}

function readSummary(file: string | undefined): Summary | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Summary;
  } catch {
    return undefined;
  }
}

function oneLine(text: string | undefined, max: number): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** What went wrong, from the merged verdict; the run page has the rest. */
function describeRed(summary: Summary | undefined): string {
  if (!summary) return 'No golden-path summary: the run stopped before its verdict (install, merge or report step). See the run.';
  const counts = summary.counts ? ` · ${summary.counts.passed ?? '?'}/${summary.counts.declared ?? '?'} golden tests passed` : '';
  const lines = [`**GOLDEN PATH ${summary.verdict ?? '?'}** · ${summary.environment ?? environment}${counts}`, ''];
  const findings = [
    ...(summary.failures ?? []).map((f) => `- **[${f.failureClass}]** ${f.stage} · ${f.test}: ${oneLine(f.evidence, EVIDENCE_CHARS)}`),
    ...(summary.guard ?? []).map((g) => `- **[${g.failureClass}]** run guard: ${oneLine(g.detail, EVIDENCE_CHARS)}`),
  ];
  lines.push(...findings.slice(0, MAX_LISTED));
  if (findings.length > MAX_LISTED) lines.push(`- … and ${findings.length - MAX_LISTED} more (see the run)`);
  if (findings.length === 0) lines.push('The golden path passed, but the Allure quality gate or a report step failed: see the run.');
  return lines.join('\n');
}

// The classes' page at the run's own commit, whose anchors the run was judged by; a plain path off Actions.
const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = process.env;
const classesPage = server && repository && sha ? `${server}/${repository}/blob/${sha}/docs/failure-classes.md` : 'docs/failure-classes.md';
const reports = 'Reports: the run\'s artifacts (allure-report-*, golden-path-report-* as one HTML file, playwright-report-*). ' +
  `What each failure class means, and what usually causes it: ${classesPage}`;

function openIssue(): Issue | undefined {
  const listed = JSON.parse(gh(['issue', 'list', '--state', 'open', '--label', LABEL, '--limit', '100', '--json', 'number,title'])) as Issue[];
  // By exact title: one issue per environment, whatever else carries the label.
  return listed.filter((i) => i.title === title).sort((a, b) => a.number - b.number)[0];
}

function main(): void {
  if (result !== 'success' && result !== 'failure') {
    console.log(`notify-nightly: the run was ${result}; nothing to say`);
    return;
  }
  const open = openIssue();
  if (result === 'success') {
    if (!open) {
      console.log(`notify-nightly: green, no open issue for ${environment}`);
      return;
    }
    gh(['issue', 'close', String(open.number), '--comment', `Green again: ${runUrl}`]);
    console.log(`notify-nightly: green; closed #${open.number}`);
    return;
  }
  const red = describeRed(readSummary(values.summary));
  if (open) {
    gh(['issue', 'comment', String(open.number), '--body', `Still red: ${runUrl}\n\n${red}${cc}`]);
    console.log(`notify-nightly: still red; commented on #${open.number}`);
    return;
  }
  // The label may not exist yet in a new repository; --force makes this idempotent.
  gh(['label', 'create', LABEL, '--color', 'B60205', '--description', 'The nightly golden path is red', '--force']);
  const body = [
    `The nightly golden path on **${environment}** is red: ${runUrl}`,
    '',
    red,
    '',
    reports,
    '',
    'This issue gets a comment on every red night and is closed by the first green one.',
  ].join('\n') + cc;
  const url = gh(['issue', 'create', '--title', title, '--label', LABEL, '--body', body]).trim();
  console.log(`notify-nightly: red; opened ${url}`);
}

main();
