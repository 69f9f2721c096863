import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FAILURE_CLASSES, FAILURE_CLASS_NAMES } from '../contract/failure-classes';
import { GOLDEN_TESTS, STAGES } from '../verdict/golden-manifest';
import { FAILURE_CLASSES_PAGE, failureClassAnchor, failureClassesUrl, githubRepository, goldenMetadata, stageLabelValue, stageOf } from './allure-golden-metadata';

const CLASSES_PAGE = path.resolve(__dirname, '../..', FAILURE_CLASSES_PAGE);

test('stage labels sort by name in golden-path order, whatever the alphabet says', () => {
  const values = STAGES.map(stageLabelValue);
  expect(values[0]).toBe('1 · frontend');
  expect(values.at(-1)).toBe('7 · unhappy');
  expect([...values].sort((a, b) => a.localeCompare(b))).toEqual(values);
  expect([...STAGES].sort()).not.toEqual([...STAGES]);
});

test('every declared golden test gets its stage; an undeclared test its folder if that is a stage, else none', () => {
  for (const t of GOLDEN_TESTS) expect(stageOf(t.title, `/repo/tests/elsewhere/x.spec.ts`)).toBe(t.stage);
  expect(stageOf('a new socket test', '/repo/tests/socket/new.spec.ts')).toBe('socket');
  expect(stageOf('a guard case', '/repo/selftest/guard-cases/stubbed/short-circuit.spec.ts')).toBeUndefined();
});

// Looking the page's URL up costs git calls: only a link may ask for it.
const unused = () => {
  throw new Error('the failure-classes URL was looked up for a result that gets no link');
};

test('a failed result gets its labels and a link from its class to its anchor on the failure-classes page; a passed one no link', () => {
  const title = 'a chat message over the socket makes the agent run';
  const failed = goldenMetadata(
    { title, file: 'tests/socket/socket.spec.ts', status: 'failed', errorMessage: 'GoldenPathFailure: [WS_UPGRADE_REJECTED] upgrade answered HTTP 404', environment: 'staging' },
    () => 'https://github.com/o/r/blob/abc/docs/failure-classes.md',
  );
  expect(failed).toEqual({
    type: 'metadata',
    data: {
      labels: [
        { name: 'epic', value: 'Golden path' },
        { name: 'feature', value: 'socket' },
        { name: 'story', value: title },
        { name: 'severity', value: 'critical' },
        { name: 'environment', value: 'staging' },
        { name: 'stage', value: '4 · socket' },
      ],
      links: [{ name: 'WS_UPGRADE_REJECTED: what it means, what usually causes it', url: 'https://github.com/o/r/blob/abc/docs/failure-classes.md#ws-upgrade-rejected', type: 'link' }],
    },
  });
  expect(goldenMetadata({ title, file: 'tests/socket/socket.spec.ts', status: 'passed' }, unused)?.data.links).toEqual([]);
  expect(goldenMetadata({ title, file: 'tests/socket/socket.spec.ts', status: 'passed', environment: 'local' }, unused)?.data.labels.map((l) => `${l.name}=${l.value}`)).toEqual([
    'epic=Golden path',
    'feature=socket',
    `story=${title}`,
    'severity=critical',
    'environment=local',
    'stage=4 · socket',
  ]);
  // A failure without a class gets no link (no explanation to point to) and nothing at all outside a stage.
  expect(goldenMetadata({ title, file: 'x', status: 'timedOut', errorMessage: 'Test timeout of 30000ms exceeded.' }, unused)?.data.links).toEqual([]);
  expect(goldenMetadata({ title: 'a guard case', file: 'selftest/x/y.spec.ts', status: 'failed', errorMessage: 'boom' }, unused)).toBeUndefined();
});

test('the failure-classes page has a row for every class, with its anchor, read from FAILURE_CLASSES', () => {
  const page = readFileSync(CLASSES_PAGE, 'utf8');
  // `<name>` would be taken for an HTML tag on GitHub and vanish: the page escapes it.
  const cell = (text: string) => text.replace(/</g, '\\<');
  for (const c of FAILURE_CLASS_NAMES) {
    const { stage, meaning, causes } = FAILURE_CLASSES[c];
    expect(page, c).toContain(`| <a id="${failureClassAnchor(c)}"></a>\`${c}\` | ${stage} | ${cell(meaning)} | ${cell(causes)} |`);
  }
});

test('the failure-classes link: override, then the Actions run, then a github.com origin, then the local file; never a credential', () => {
  const local = { localPage: '/work/repo/docs/failure-classes.md' };
  expect(failureClassesUrl({ env: { GOLDEN_FAILURE_CLASSES_URL: 'https://docs.example.com/golden/classes' }, ...local })).toBe('https://docs.example.com/golden/classes');
  expect(failureClassesUrl({ env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'netra/golden-path', GITHUB_SHA: 'f00' }, ...local })).toBe(
    'https://github.com/netra/golden-path/blob/f00/docs/failure-classes.md',
  );
  expect(failureClassesUrl({ env: {}, remote: 'https://ci:ghp_secret@github.com/netra/golden-path.git', commit: 'abc', ...local })).toBe(
    'https://github.com/netra/golden-path/blob/abc/docs/failure-classes.md',
  );
  expect(failureClassesUrl({ env: {}, remote: 'git@gitlab.example.com:netra/golden-path.git', commit: 'abc', ...local })).toBe('file:///work/repo/docs/failure-classes.md');
  expect(failureClassesUrl({ env: {}, ...local })).toBe('file:///work/repo/docs/failure-classes.md');
  expect(githubRepository('git@github.com:netra/golden-path.git')).toBe('netra/golden-path');
  expect(githubRepository('ssh://git@github.com/netra/golden-path')).toBe('netra/golden-path');
  expect(githubRepository('https://github.com/netra/golden-path/')).toBe('netra/golden-path');
  expect(githubRepository('https://github.com.evil.example/netra/golden-path')).toBeUndefined();
});
