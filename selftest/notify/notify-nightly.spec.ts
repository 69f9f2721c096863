import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * scripts/notify-nightly.ts against a stand-in `gh` on PATH (selftest/notify/fake-gh.mjs: a
 * tiny issue tracker in a JSON file, every call logged): red opens one issue, red again
 * comments on the same one, green closes it, green with none open touches nothing.
 */
const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  comments: string[];
}

function tracker() {
  const dir = mkdtempSync(path.join(tmpdir(), 'notify-nightly-'));
  copyFileSync(path.join(__dirname, 'fake-gh.mjs'), path.join(dir, 'gh'));
  execFileSync('chmod', ['+x', path.join(dir, 'gh')]);
  const state = path.join(dir, 'state.json');
  const log = path.join(dir, 'calls.log');
  writeFileSync(log, '');
  const summary = path.join(dir, 'summary.json');
  writeFileSync(
    summary,
    JSON.stringify({
      verdict: 'FAIL',
      environment: 'staging',
      counts: { passed: 4, declared: 12 },
      failures: [{ failureClass: 'WS_UPGRADE_REJECTED', stage: 'socket', test: 'a chat message over the socket makes the agent run', evidence: 'upgrade answered HTTP 404 instead of 101' }],
      guard: [],
    }),
  );
  let calls = 0;
  return {
    notify(result: string, run: number, environment = 'staging', extra: string[] = []) {
      const args = ['--result', result, '--environment', environment, '--run-url', `https://github.com/netra/golden-path/actions/runs/${run}`, '--summary', summary, ...extra];
      const out = execFileSync(tsx, ['scripts/notify-nightly.ts', ...args], {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH}`, GH_TOKEN: 'stand-in', FAKE_GH_STATE: state, FAKE_GH_LOG: log },
      });
      const lines = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
      const newCalls = lines.slice(calls).map((l) => JSON.parse(l) as string[]);
      calls = lines.length;
      return { out, calls: newCalls.map((c) => c.slice(0, 2).join(' ')) };
    },
    issues: (): FakeIssue[] => JSON.parse(readFileSync(state, 'utf8')).issues,
    only(): FakeIssue {
      const all = this.issues();
      expect(all).toHaveLength(1);
      return all[0] as FakeIssue;
    },
  };
}

test('red opens one issue, red again comments on it, green closes it, green again does nothing', () => {
  const gh = tracker();

  const first = gh.notify('failure', 101, 'staging', ['--mention', '@netra/qa @dana']);
  expect(first.calls).toEqual(['issue list', 'label create', 'issue create']);
  let issue = gh.only();
  expect(issue).toMatchObject({ number: 1, title: 'Golden path nightly is red · staging', labels: ['golden-path-nightly'], state: 'open' });
  expect(issue.body).toContain('https://github.com/netra/golden-path/actions/runs/101');
  expect(issue.body).toContain('**[WS_UPGRADE_REJECTED]** socket · a chat message over the socket makes the agent run: upgrade answered HTTP 404');
  expect(issue.body).toContain('4/12 golden tests passed');
  expect(issue.body).toMatch(/\n\ncc @netra\/qa @dana$/);

  const second = gh.notify('failure', 102);
  expect(second.calls).toEqual(['issue list', 'issue comment']);
  issue = gh.only();
  expect(issue.comments).toHaveLength(1);
  expect(issue.comments[0]).toMatch(/^Still red: https:\/\/github\.com\/netra\/golden-path\/actions\/runs\/102/);

  const green = gh.notify('success', 103);
  expect(green.calls).toEqual(['issue list', 'issue close']);
  issue = gh.only();
  expect(issue.state).toBe('closed');
  expect(issue.comments.at(-1)).toBe('Green again: https://github.com/netra/golden-path/actions/runs/103');

  const quiet = gh.notify('success', 104);
  expect(quiet.calls).toEqual(['issue list']);
  expect(gh.only().state).toBe('closed');

  // Red after green is a new outage: a new issue, the closed one stays closed.
  gh.notify('failure', 105);
  expect(gh.issues().map((i) => [i.number, i.state])).toEqual([
    [1, 'closed'],
    [2, 'open'],
  ]);
});

test('one issue per environment; a cancelled or skipped run says nothing', () => {
  const gh = tracker();
  gh.notify('failure', 201, 'staging');
  gh.notify('failure', 202, 'production');
  expect(gh.issues().map((i) => i.title)).toEqual(['Golden path nightly is red · staging', 'Golden path nightly is red · production']);
  expect(gh.notify('success', 203, 'production').calls).toEqual(['issue list', 'issue close']);
  expect(gh.issues().map((i) => i.state)).toEqual(['open', 'closed']);
  for (const result of ['cancelled', 'skipped']) {
    const run = gh.notify(result, 204, 'staging');
    expect(run.calls).toEqual([]);
    expect(run.out).toContain(`the run was ${result}`);
  }
  expect(gh.issues()[0]?.comments).toEqual([]);
});
