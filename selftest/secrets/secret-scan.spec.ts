import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { scanTexts, textsOf, type ScannedText } from '../../src/report/artifact-scan';
import { filesBelow } from '../../src/report/files-below';
import { findSecrets, MASK } from '../../src/report/redact';
import { runGolden } from '../verdict/golden-run';

/**
 * Secrets never leak: the golden path runs with secret values only this test knows
 * (a random password, bypass key and JWT signing key, shared with its own reference platform),
 * signs in by password so the page gets its token through `addInitScript` and localStorage,
 * and meets a broken page (ui-no-response) so that a trace, a screenshot and an error context
 * are written; its platform is a release ahead of the contract, so drift is reported, and the
 * run and its merge each add a point to a golden history of their own. Then every file it produced is read the way a person or a tool would read it:
 * Allure results and attachments, test-results (traces unzipped), the JSON summary, the blob
 * report, the merged Playwright HTML report, the Allure report (folder and single file), and
 * the terminal of every command. None may hold a secret value or anything shaped like a JWT.
 *
 * Twice: with the suite's reporter list (its redaction reporter first, then the merge and both
 * Allure reports), and with the list overridden by every reporter that writes artifacts at
 * once (`list,line,dot,json,html,blob,allure-playwright`, none of the suite's), as a CI script
 * or a habit would. The second run proves the workers' masking alone: each reporter copies
 * what the worker sent, so one run with all of them shows what each would write alone (they
 * share the inputs, and none of them masks anything any more); running them one by one would
 * cost a golden run each for nothing new. It runs only the stages with a page (frontend, auth,
 * browser) to stay affordable; the browser stage fails, so a trace and a screenshot exist.
 */
const ROOT = path.resolve(__dirname, '../..');
const RUN_DEADLINE_MS = 120_000;
const TOOL_DEADLINE_MS = 60_000;

const secret = (prefix: string) => `${prefix}-${randomBytes(12).toString('base64url')}`;

/** One of the suite's own commands, killed at its deadline; its terminal is scanned like any file. */
function tool(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), script, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: TOOL_DEADLINE_MS,
    killSignal: 'SIGKILL',
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}

/** Random secrets for one run, the environment that hands them to the suite and its platform, and a folder. */
function secretRun() {
  const password = secret('pw');
  const bypassKey = secret('bk');
  const jwtSecret = secret('jwt-signing');
  const secrets = [password, bypassKey, jwtSecret];
  // The detector itself is not blind: each value would be found where it appeared.
  for (const s of secrets) expect(findSecrets(`x ${s} x`, secrets)).toHaveLength(1);
  const dir = mkdtempSync(path.join(tmpdir(), 'golden-secret-scan-'));
  const env = {
    AUTH_MODE: 'password',
    TEST_USER_PASSWORD: password,
    E2E_BYPASS_KEY: bypassKey,
    JWT_SECRET_KEY: jwtSecret,
    // The reference platform reads its own copies (platform/main.ts, contract section 9).
    PLATFORM_USER_PASSWORD: password,
    PLATFORM_E2E_BYPASS_KEY: bypassKey,
  };
  return { secrets, dir, at: (name: string) => path.join(dir, name), env };
}

/** Not vacuous: the artifacts that carry tokens exist, and the token in the trace is masked. */
function expectTokenArtifacts(files: string[], context: string): void {
  const traces = files.filter((f) => f.endsWith('trace.zip'));
  expect(traces.length, `no trace was written${context}`).toBeGreaterThan(0);
  const traceTexts = traces.flatMap((t) => Object.values(unzipSync(readFileSync(t))).map((b) => Buffer.from(b).toString('utf8')));
  expect(traceTexts.join('').includes('jwt_token'), 'the trace records the init script that seeds the token').toBe(true);
  expect(traceTexts.some((t) => t.includes(MASK)), 'the trace shows the masked token').toBe(true);
  expect(files.filter((f) => f.endsWith('.png')).length, 'no screenshot was written').toBeGreaterThan(0);
  expect(files.some((f) => f.endsWith('-result.json')), 'no Allure result was written').toBe(true);
  expect(files.some((f) => /blob-report[\\/].*\.zip$/.test(f)), 'no blob report was written').toBe(true);
  expect(files.some((f) => f.endsWith(path.join('playwright-report', 'index.html'))), 'no HTML report was written').toBe(true);
}

function expectNoSecrets(texts: ScannedText[], secrets: string[], fileCount: number): void {
  const findings = scanTexts(texts, secrets);
  expect(findings, `secrets or tokens found in ${fileCount} files:\n${findings.map((f) => `  ${f.where}: ${f.found}`).join('\n')}`).toEqual([]);
}

test('a golden run with known secrets leaves none of them in anything it writes', async () => {
  test.setTimeout(RUN_DEADLINE_MS + 3 * TOOL_DEADLINE_MS);
  const { secrets, dir, at, env } = secretRun();
  const run = await runGolden({
    keep: true,
    faults: 'ui-no-response',
    variants: 'ahead-of-contract',
    // A blob report too, as every CI shard writes one.
    env: { ...env, ALLURE_RESULTS_DIR: at('allure-results'), PW_BLOB_DIR: at('blob-report'), PW_HTML_REPORT_DIR: at('playwright-report'), GOLDEN_HISTORY_PATH: at('golden-history.jsonl') },
    deadlineMs: RUN_DEADLINE_MS,
  });
  const context = `\n--- golden run output ---\n${run.output.slice(-3000)}`;

  // The run really ran, signed in with the secret password, and really failed on the page.
  expect(run.exitCode, context).not.toBe(0);
  expect(run.summary?.failures.map((f) => f.failureClass), context).toContain('UI_NO_RESPONSE');
  const auth = run.summary?.stages.find((s) => s.stage === 'auth');
  expect(auth?.verdict, `the password sign-in must have worked${context}`).not.toBe('FAIL');

  // What people do with the results next: the merged verdict and HTML report, the Allure
  // report as a folder and as a single file.
  const toolEnv: NodeJS.ProcessEnv = {
    ...process.env,
    GOLDEN_ENV: 'local',
    PW_HTML_REPORT_DIR: at('merged-report'),
    ALLURE_HISTORY_PATH: at('allure-history.jsonl'),
    GOLDEN_HISTORY_PATH: at('golden-history.jsonl'),
    FORCE_COLOR: '0',
  };
  delete toolEnv.TEST_WORKER_INDEX;
  delete toolEnv.TEST_PARALLEL_INDEX;
  // The merge reads the blob report only, so it runs beside the two reports; those share the
  // history file, so the single file waits for the folder report, as in CI.
  const merging = tool('scripts/merge-shards.ts', [at('blob-report')], toolEnv);
  const report = await tool('scripts/allure-report.ts', ['--output', at('allure-report'), at('allure-results')], toolEnv);
  const single = await tool('scripts/allure-report.ts', ['--single-file', '--output', at('allure-report-single'), at('allure-results')], toolEnv);
  const merged = await merging;
  expect(report.status, report.output).toBe(0);
  expect(single.status, single.output).toBe(0);
  expect(merged.output, merged.output).toContain('GOLDEN PATH FAIL');

  const files = [...new Set([dir, run.outputDir].flatMap(filesBelow))];
  const texts: ScannedText[] = [
    { where: 'terminal of the golden run', text: run.output },
    { where: 'terminal of npm run merge', text: merged.output },
    { where: 'terminal of npm run report', text: report.output },
    { where: 'terminal of npm run report:single', text: single.output },
    ...files.flatMap((f) => textsOf(path.relative(dir, f), readFileSync(f))),
  ];

  expectTokenArtifacts(files, context);
  expect(files.filter((f) => f.endsWith('-result.json')).length, 'an Allure result per test').toBeGreaterThanOrEqual(run.summary?.counts.ran ?? 1);
  for (const must of ['golden-path-summary.json', path.join('allure-report', 'index.html'), path.join('allure-report-single', 'index.html'), path.join('merged-report', 'index.html')]) {
    expect(files.some((f) => f.endsWith(must)), `${must} was not written`).toBe(true);
  }
  // Drift and history were written, so their scan below is not vacuous: the run's point, then the merge's.
  expect(run.summary?.drift.map((d) => d.name), context).toContain('agent_response_chunk');
  expect(readFileSync(at('golden-history.jsonl'), 'utf8').trim().split('\n'), 'the run and its merge each add a point').toHaveLength(2);
  expectNoSecrets(texts, secrets, files.length);

  rmSync(dir, { recursive: true, force: true });
  rmSync(path.dirname(run.outputDir), { recursive: true, force: true });
});

test('with the reporter list overridden by every artifact-writing reporter at once, the workers alone mask every artifact', async () => {
  test.setTimeout(RUN_DEADLINE_MS + 10_000);
  const { secrets, dir, at, env } = secretRun();
  const run = await runGolden({
    keep: true,
    // allure-playwright writes to ./allure-results of the working folder: this run's own. The
    // CLI resolves reporter names from there too, hence its path.
    cwd: dir,
    faults: 'ui-no-response',
    args: [`--reporter=list,line,dot,json,html,blob,${path.join(ROOT, 'node_modules/allure-playwright/dist/cjs/index.js')}`, 'tests/frontend', 'tests/auth', 'tests/browser'],
    env: {
      ...env,
      PLAYWRIGHT_JSON_OUTPUT_FILE: at('report.json'),
      PLAYWRIGHT_HTML_OUTPUT_DIR: at('playwright-report'),
      PLAYWRIGHT_HTML_OPEN: 'never',
      PLAYWRIGHT_BLOB_OUTPUT_DIR: at('blob-report'),
    },
    deadlineMs: RUN_DEADLINE_MS,
  });
  const context = `\n--- golden run output ---\n${run.output.slice(-3000)}`;
  expect(run.exitCode, context).not.toBe(0);
  // The run signed in with the secret password and failed on the page, as the JSON report says.
  expect(existsSync(at('report.json')), context).toBe(true);
  const report = readFileSync(at('report.json'), 'utf8');
  expect(report, context).toContain('UI_NO_RESPONSE');
  expect(report).toContain('"status": "passed"');

  const files = [...new Set([dir, run.outputDir].flatMap(filesBelow))];
  expectTokenArtifacts(files, context);
  const texts: ScannedText[] = [{ where: 'terminal of the golden run', text: run.output }, ...files.flatMap((f) => textsOf(path.relative(dir, f), readFileSync(f)))];
  expectNoSecrets(texts, secrets, files.length);

  rmSync(dir, { recursive: true, force: true });
  rmSync(path.dirname(run.outputDir), { recursive: true, force: true });
});
