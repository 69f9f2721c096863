import { expect, test } from '@playwright/test';
import { narrowingOf, narrowingSelects, runScope } from './run-scope';

const cli = (...args: string[]) => ['/usr/bin/node', '/repo/node_modules/@playwright/test/cli.js', 'test', ...args];
const health = { stage: 'health', title: 'the backend is healthy, ready and its socket is up', writes: false };
const chat = { stage: 'socket', title: 'a chat message over the socket makes the agent run', writes: true };

test('a command line without test arguments or filters is the whole golden path, whatever its other options', () => {
  expect(runScope(cli('--project=local'), null)).toEqual({ kind: 'full' });
  expect(runScope(cli('--project', 'staging', '--repeat-each', '3', '--workers', '2', '--reporter', 'list,json', '-x'), null)).toEqual({ kind: 'full' });
  // After `--` come the suite's own arguments, never test filters.
  expect(runScope(cli('--project=local', '--', 'tests/health'), null)).toEqual({ kind: 'full' });
  // merge-reports and other commands are not `test` runs.
  expect(runScope(['/usr/bin/node', 'cli.js', 'merge-reports', 'blob-report'], null)).toEqual({ kind: 'full' });
});

test('file arguments, --grep, --grep-invert, --last-failed and friends narrow a run on purpose', () => {
  expect(narrowingOf(cli('--project=local', 'tests/health'))).toEqual({ locations: ['tests/health'], opaque: [] });
  expect(narrowingOf(cli('-g', 'socket', '--project', 'local'))).toMatchObject({ grep: 'socket', locations: [] });
  expect(narrowingOf(cli('--grep-invert=in the browser'))).toMatchObject({ grepInvert: 'in the browser' });
  expect(narrowingOf(cli('--last-failed'))?.opaque).toEqual(['--last-failed']);
  expect(narrowingOf(cli('--test-list', 'list.txt'))).toEqual({ locations: [], opaque: ['--test-list'] });
  // The test server behind UI mode and VS Code has no command line: the person picked the tests.
  expect(runScope([], null)).toMatchObject({ kind: 'partial', narrowing: { opaque: [expect.stringContaining('UI mode')] } });
});

test('a shard of several is a shard, whatever else the command line says', () => {
  expect(runScope(cli('tests/health', '--shard=1/2'), { current: 1, total: 2 })).toEqual({ kind: 'shard', shard: { current: 1, total: 2 } });
  expect(runScope(cli('--shard=1/1'), { current: 1, total: 1 })).toEqual({ kind: 'full' });
});

test('a declared test the narrowing itself selects must have run; others are just not selected', () => {
  const folder = (stage: string) => `/repo/tests/${stage}`;
  const byFolder = narrowingOf(cli('tests/health'))!;
  expect(narrowingSelects(byFolder, health, folder('health'))).toBe(true);
  expect(narrowingSelects(byFolder, chat, folder('socket'))).toBe(false);
  // A file or a line names no folder: no claim on the stage's tests.
  expect(narrowingSelects(narrowingOf(cli('tests/health/health.spec.ts:5'))!, health, folder('health'))).toBe(false);
  expect(narrowingSelects(narrowingOf(cli('-g', 'healthy'))!, health, folder('health'))).toBe(true);
  expect(narrowingSelects(narrowingOf(cli('-g', '@writes'))!, chat, folder('socket'))).toBe(true);
  expect(narrowingSelects(narrowingOf(cli('-g', '@writes'))!, health, folder('health'))).toBe(false);
  expect(narrowingSelects(narrowingOf(cli('--grep-invert', 'agent'))!, chat, folder('socket'))).toBe(false);
  expect(narrowingSelects(narrowingOf(cli('--grep-invert', 'agent'))!, health, folder('health'))).toBe(true);
  // Playwright matches --grep-invert against the project and file too: no claim when those match.
  expect(narrowingSelects(narrowingOf(cli('--grep-invert', 'tests/health'))!, health, folder('health'))).toBe(false);
  // What only the runner knows (the last failures, a test list) is never claimed; nor is a broken regex.
  expect(narrowingSelects(narrowingOf(cli('--last-failed'))!, health, folder('health'))).toBe(false);
  expect(narrowingSelects(narrowingOf(cli('-g', '('))!, health, folder('health'))).toBe(false);
});
