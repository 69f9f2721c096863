/**
 * `npm run merge`: one Playwright verdict from the blob reports of all shards. Collects every
 * `*.zip` below the given folders (default `blob-report/`, where each local shard keeps its own
 * sub-folder; CI downloads every shard's into one folder), and replays them through
 * playwright.merge.config.ts: the golden-path summary and run guard over all shards together
 * (test-results/golden-path-summary.json), and Playwright's HTML report (playwright-report/).
 * Exits non-zero when the merged golden path is red.
 *
 * Each test's environment travels in the blobs (its project's metadata), so the merge needs
 * no environment of its own; `--env` is accepted and checked against the blobs' for scripts
 * that pass it.
 *
 * Usage: tsx scripts/merge-shards.ts [--env local|staging|production] [blob-folder…]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isEnvironmentName } from '../src/config/environment';
import { filesBelow } from '../src/report/files-below';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { env: { type: 'string' } } });
const rootDir = path.resolve(__dirname, '..');
const environment = values.env;
if (environment !== undefined && !isEnvironmentName(environment)) {
  console.error(`merge: [CONFIG_INVALID] unknown environment "${environment}"`);
  process.exit(2);
}

const folders = positionals.length ? positionals : ['blob-report'];
const zips = folders.flatMap((f) => filesBelow(path.resolve(rootDir, f))).filter((f) => f.endsWith('.zip'));
if (zips.length === 0) {
  console.error(`merge: no blob reports below ${folders.join(', ')}: run the shards first (npm run golden -- --shard=1/2)`);
  process.exit(2);
}

// merge-reports reads one flat folder; names stay unique (report-<env>-<shard>.zip).
const flat = mkdtempSync(path.join(tmpdir(), 'golden-blobs-'));
try {
  for (const zip of zips) copyFileSync(zip, path.join(flat, `${path.basename(path.dirname(zip))}-${path.basename(zip)}`));
  console.log(`merge: ${zips.length} blob report(s)${environment ? ` of ${environment}` : ''}: ${zips.map((z) => path.relative(rootDir, z)).join(', ')}`);
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const merged = spawnSync(npx, ['playwright', 'merge-reports', '--config', 'playwright.merge.config.ts', flat], {
    cwd: rootDir,
    stdio: 'inherit',
    env: process.env,
    timeout: 300_000,
  });
  // merge-reports exits 0 whatever its reporters decide: the verdict is read back instead.
  process.exitCode = merged.status === 0 && mergedVerdict() === 'PASS' ? 0 : 1;
} finally {
  rmSync(flat, { recursive: true, force: true });
}

function mergedVerdict(): string | undefined {
  try {
    const file = path.resolve(rootDir, process.env.PW_OUTPUT_DIR ?? 'test-results', 'golden-path-summary.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { verdict?: string }).verdict;
  } catch {
    return undefined;
  }
}
