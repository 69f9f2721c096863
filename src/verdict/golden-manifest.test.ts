import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { dispatchRank, QUEUED_FIRST } from './dispatch-order';
import { GOLDEN_TESTS, STAGES, stageOfFile, type GoldenTest } from './golden-manifest';

const TESTS_DIR = path.resolve(__dirname, '../../tests');

/** `test('title', { tag: '@writes' }, …)` at the start of a line: the specs' one way of declaring a test. */
const DECLARATION = /^test\(\s*(['"`])((?:\\.|(?!\1).)*)\1\s*,\s*(\{[^}]*\}\s*,)?/;

function specFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return specFiles(full);
    return entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

function declaredInSpecs(): { tests: GoldenTest[]; unreadable: string[] } {
  const tests: GoldenTest[] = [];
  const unreadable: string[] = [];
  for (const file of specFiles(TESTS_DIR)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/^test\b/.test(line)) continue;
      const match = DECLARATION.exec(line);
      if (!match) {
        unreadable.push(`${path.relative(TESTS_DIR, file)}: ${line.slice(0, 80)}`);
        continue;
      }
      const title = match[2]!.replace(/\\(.)/g, '$1');
      tests.push({ stage: stageOfFile(file), title, writes: /['"`]@writes['"`]/.test(match[3] ?? '') });
    }
  }
  return { tests, unreadable };
}

const byTitle = (a: GoldenTest, b: GoldenTest) => a.title.localeCompare(b.title);

test('the golden-test list is the specs under tests/: same titles, stages and @writes tags', () => {
  const { tests, unreadable } = declaredInSpecs();
  expect(unreadable, 'every test( at the start of a spec line opens with a literal title').toEqual([]);
  expect(tests.length).toBeGreaterThan(0);
  expect([...GOLDEN_TESTS].sort(byTitle)).toEqual(tests.sort(byTitle));
});

test('every stage of the list is a folder under tests/, and every folder a stage', () => {
  const folders = readdirSync(TESTS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  expect([...folders].sort()).toEqual([...STAGES].sort());
});

test('the specs that open the chat page never head the queue together: the chat test first, every other after the agent tests', () => {
  const specs = specFiles(TESTS_DIR).map((full) => {
    const file = path.relative(TESTS_DIR, full).split(path.sep).join('/');
    const declarations = readFileSync(full, 'utf8').split('\n').filter((line) => DECLARATION.test(line));
    return { file, page: declarations.some((line) => /\bchatPage\b|\bpage\b/.test(line)), lock: declarations.some((line) => /\block:/.test(line)), queued: dispatchRank(file) };
  });
  const pages = specs.filter((s) => s.page);
  expect(pages.map((s) => s.file).sort(), 'the browser stages open the page').toEqual(['browser/chat.spec.ts', 'frontend/frontend.spec.ts']);
  expect(pages.find((s) => s.queued === 0)?.file, 'the chat test heads the queue').toBe('browser/chat.spec.ts');
  // Ranked behind every other listed spec: it starts in a worker an agent test freed.
  const lastAgentTest = Math.max(...specs.filter((s) => !s.page && s.queued < QUEUED_FIRST.length).map((s) => s.queued));
  expect(pages.filter((s) => s.queued !== 0 && s.queued <= lastAgentTest)).toEqual([]);
  expect(specs.filter((s) => s.lock).map((s) => s.file), 'the order alone keeps the page loads apart').toEqual([]);
});

test('the stage of a spec is its folder, with either separator', () => {
  expect(stageOfFile('/repo/tests/socket/chat-flow.spec.ts')).toBe('socket');
  expect(stageOfFile('C:\\repo\\tests\\users\\reconnect.spec.ts')).toBe('users');
});
