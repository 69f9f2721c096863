import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FileSystemWriter } from 'allure-js-commons/sdk/reporter';
import { Status, Stage, type TestResult } from 'allure-js-commons';
import type { FullConfig, Suite } from '@playwright/test/reporter';
import AllureResultsReporter from '../../reporters/allure-results-reporter';
import { UnsyncedWriter } from './allure-unsynced-writer';

const result = (uuid: string): TestResult =>
  ({ uuid, name: 'a golden test', historyId: 'h', fullName: 'f', status: Status.PASSED, stage: Stage.FINISHED, statusDetails: {}, labels: [], links: [], parameters: [], attachments: [], steps: [], start: 1, stop: 2 }) as TestResult;

test("the unsynced writer writes what allure-js's writer writes, file for file, and leaves no temp file", () => {
  const dirs = ['ours', 'theirs'].map((name) => mkdtempSync(path.join(tmpdir(), `allure-writer-${name}-`)));
  const [ours, theirs] = dirs as [string, string];
  const source = path.join(ours, '..', `allure-writer-source-${process.pid}.txt`);
  writeFileSync(source, 'the page socket frames');
  try {
    for (const writer of [new UnsyncedWriter(ours), new FileSystemWriter({ resultsDir: theirs })]) {
      writer.writeResult(result('r1'));
      writer.writeGroup({ uuid: 'g1', name: 'group', children: ['r1'], befores: [], afters: [] });
      writer.writeAttachment('a1-attachment.txt', Buffer.from('browser console'));
      writer.writeAttachmentFromPath('a2-attachment.txt', source);
      writer.writeGlobals('x-globals.json', { attachments: [], errors: [] });
      writer.writeEnvironmentInfo({ Environment: 'local' });
      writer.writeCategoriesDefinitions([{ name: 'platform down' }]);
    }
    const files = (dir: string) => readdirSync(dir).sort();
    expect(files(ours)).toEqual(files(theirs));
    expect(files(ours)).toHaveLength(7);
    for (const name of files(ours)) expect(readFileSync(path.join(ours, name), 'utf8'), name).toBe(readFileSync(path.join(theirs, name), 'utf8'));
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    rmSync(source, { force: true });
  }
});

test("the Allure reporter of the run writes through the unsynced writer (allure-playwright's runtime field still found)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'allure-writer-reporter-'));
  try {
    const reporter = new AllureResultsReporter({ resultsOverride: dir, detail: true, suiteTitle: false });
    reporter.onConfigure({ shard: null, rootDir: dir, projects: [{ outputDir: dir, snapshotDir: dir }] } as unknown as FullConfig);
    reporter.onBegin({ allTests: () => [], suites: [] } as unknown as Suite);
    const runtime = (reporter as unknown as { allureRuntime?: { writer: unknown } }).allureRuntime;
    expect(runtime?.writer).toBeInstanceOf(UnsyncedWriter);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
