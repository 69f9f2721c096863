import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { brokenLinks, headingSlug, missingScripts, npmScriptsNamed, pageAnchors, relativeLinks } from './markdown-links';

const root = path.resolve(__dirname, '../..');
const pages = ['README.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const read = (page: string) => readFileSync(path.join(root, page), 'utf8');

test("headings get GitHub's anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered", () => {
  expect(headingSlug('When it is red: the failure classes')).toBe('when-it-is-red-the-failure-classes');
  expect(headingSlug('Secrets never leak, whatever `--reporter` says')).toBe('secrets-never-leak-whatever---reporter-says');
  expect(headingSlug('8. Failure classes')).toBe('8-failure-classes');
  expect(headingSlug('`golden-path-nightly.yml`')).toBe('golden-path-nightlyyml');
  expect(headingSlug("The reference platform's own capacity")).toBe('the-reference-platforms-own-capacity');
  expect(headingSlug('Past one machine: [Fargate](https://example.com)')).toBe('past-one-machine-fargate');
  const anchors = pageAnchors('# Title\n## Usage\n```sh\n## not a heading\n```\n## Usage\n| <a id="config-invalid"></a>`X` |\n`<a id="in-code">`');
  expect([...anchors]).toEqual(['title', 'usage', 'usage-1', 'config-invalid']);
});

test('relative links and images are found, with their anchors; external links and code are not', () => {
  const page = [
    'See [the checks](docs/checks.md#why-a-green-run-can-be-trusted) and ![verdict](docs/images/verdict.png).',
    '[here](#usage), [web](https://playwright.dev/docs/intro), [mail](mailto:qa@example.com), `[code](nowhere.md)`',
    '```md',
    '[in a fence](fenced.md)',
    '```',
    '| [`AUTH_FAILED`](docs/failure-classes.md#auth-failed) |',
  ].join('\n');
  expect(relativeLinks(page)).toEqual([
    { line: 1, path: 'docs/checks.md', anchor: 'why-a-green-run-can-be-trusted' },
    { line: 1, path: 'docs/images/verdict.png' },
    { line: 2, path: '', anchor: 'usage' },
    { line: 6, path: 'docs/failure-classes.md', anchor: 'auth-failed' },
  ]);
});

test('every npm run named is found, in prose and in code blocks, without its arguments or trailing punctuation', () => {
  const page = 'Run `npm run setup && npm run golden`.\n```sh\nnpm run report -- --gate\nnpm run setup:artillery\n```\nthen npm run merge.';
  expect(npmScriptsNamed(page)).toEqual([
    { line: 1, script: 'setup' },
    { line: 1, script: 'golden' },
    { line: 3, script: 'report' },
    { line: 4, script: 'setup:artillery' },
    { line: 6, script: 'merge' },
  ]);
});

test('a missing file, a missing anchor and an anchor on a non-Markdown file are each named', () => {
  const files = new Map([
    ['README.md', '[ok](docs/a.md#usage) [gone](docs/none.md) [no anchor](docs/a.md#nope) [image](docs/i.png#x) [self](#title)\n# Title'],
    ['docs/a.md', '## Usage\n[up](../README.md#title)'],
    ['docs/i.png', ''],
  ]);
  const pages = new Map([...files].filter(([f]) => f.endsWith('.md')));
  expect(brokenLinks(pages, (f) => files.has(f), (f) => files.get(f) ?? '')).toEqual([
    'README.md:1 → docs/none.md: no such file',
    'README.md:1 → docs/a.md#nope: docs/a.md has no heading or <a id> "nope"',
    'README.md:1 → docs/i.png#x: an anchor on a file that is not Markdown',
  ]);
  expect(missingScripts(new Map([['README.md', 'npm run golden && npm run gone']]), ['golden'])).toEqual(['README.md:1: npm run gone']);
});

const onDisk = new Map(pages.map((page) => [page, read(page)]));

test('every relative link of the README and docs/ resolves, and so does its anchor', () => {
  const broken = brokenLinks(onDisk, (file) => existsSync(path.join(root, file)), read);
  expect(broken, 'broken links (fix the link, or the heading it points at)').toEqual([]);
});

test('every npm run that the README and docs/ name is a script of package.json', () => {
  const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
  expect(missingScripts(onDisk, scripts), `scripts named but not in package.json (${scripts.join(', ')})`).toEqual([]);
});
