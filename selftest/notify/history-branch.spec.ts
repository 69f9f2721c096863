import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * scripts/allure-history-branch.sh, the nightly's memory, against a bare repository on this
 * machine standing in for GitHub: the first save starts the branch with both histories of an
 * environment in one commit, a later save adds one commit, a fresh checkout restores both, an
 * environment with no history yet restores none, and a file that is not a history is refused.
 */
const script = path.resolve(__dirname, '../../scripts/allure-history-branch.sh');

function repository() {
  const dir = mkdtempSync(path.join(tmpdir(), 'history-branch-'));
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  git(dir, 'init', '-q', '--bare', 'origin.git');
  const clone = (name: string) => {
    git(dir, 'clone', '-q', path.join(dir, 'origin.git'), name);
    const at = path.join(dir, name);
    git(at, 'config', 'user.email', 'selftest@example.invalid');
    git(at, 'config', 'user.name', 'selftest');
    return at;
  };
  const work = clone('work');
  writeFileSync(path.join(work, 'README.md'), 'the suite\n');
  git(work, 'add', 'README.md');
  git(work, 'commit', '-qm', 'main');
  git(work, 'push', '-q', 'origin', 'HEAD:main');
  const run = (cwd: string, ...args: string[]) => {
    const r = spawnSync('bash', [script, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, GITHUB_RUN_ID: '' } });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  };
  return { dir, work, clone, git, run };
}

test('both histories of an environment are saved in one commit a night and restored in a fresh checkout', () => {
  const { dir, work, clone, git, run } = repository();
  writeFileSync(path.join(work, 'allure-history.jsonl'), '{"a":1}\n');
  writeFileSync(path.join(work, 'golden-history.jsonl'), '{"v":1,"steps":{}}\n');
  const first = run(work, 'save', 'staging', 'allure-history.jsonl', 'golden-history.jsonl');
  expect(first.status, first.output).toBe(0);
  expect(git(work, 'ls-tree', '-r', '--name-only', 'origin/allure-history').split('\n')).toEqual(['staging/allure-history.jsonl', 'staging/golden-history.jsonl']);

  writeFileSync(path.join(work, 'golden-history.jsonl'), '{"v":1,"steps":{}}\n{"v":1,"steps":{}}\n');
  const second = run(work, 'save', 'staging', 'allure-history.jsonl', 'golden-history.jsonl');
  expect(second.status, second.output).toBe(0);
  git(work, 'fetch', '-q', 'origin', 'allure-history');
  expect(git(work, 'rev-list', '--count', 'FETCH_HEAD')).toBe('2');
  // Nothing changed: no commit.
  expect(run(work, 'save', 'staging', 'allure-history.jsonl', 'golden-history.jsonl').output).toContain('staging unchanged');

  const fresh = clone('fresh');
  const restored = run(fresh, 'restore', 'staging', 'allure-history.jsonl', 'golden-history.jsonl');
  expect(restored.status, restored.output).toBe(0);
  expect(readFileSync(path.join(fresh, 'golden-history.jsonl'), 'utf8')).toBe('{"v":1,"steps":{}}\n{"v":1,"steps":{}}\n');
  expect(readFileSync(path.join(fresh, 'allure-history.jsonl'), 'utf8')).toBe('{"a":1}\n');

  const none = run(fresh, 'restore', 'production', 'golden-history.jsonl');
  expect(none.status, none.output).toBe(0);
  expect(none.output).toContain('no golden-history.jsonl for production');
  expect(existsSync(path.join(fresh, 'golden-history.jsonl'))).toBe(false);

  expect(run(work, 'save', 'staging', '../secrets.env').status).toBe(2);
  rmSync(dir, { recursive: true, force: true });
});
