import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FileSystemWriter } from 'allure-js-commons/sdk/reporter';
import type { TestResult, TestResultContainer } from 'allure-js-commons';
import type { Category, EnvironmentInfo } from 'allure-js-commons/sdk';
import type { Writer } from 'allure-js-commons/sdk/reporter';

/**
 * allure-js's own writer, without its fsync. allure-js 3.12 writes every result and attachment
 * through a temp file it fsyncs before renaming it; a golden run makes about a hundred of them,
 * and each fsync blocks the runner's event loop (1.2 s of a local run on this machine, while
 * the workers wait to report). A results folder is rewritten by the next run anyway, so what
 * matters is that a reader never sees half a file: the temp file and the rename stay, and only
 * the flush to disk goes. Environment info and categories (written once) keep allure-js's path.
 */
export class UnsyncedWriter implements Writer {
  private readonly once: FileSystemWriter;

  constructor(private readonly resultsDir: string) {
    this.once = new FileSystemWriter({ resultsDir });
  }

  writeEnvironmentInfo(info: EnvironmentInfo): void {
    this.once.writeEnvironmentInfo(info);
  }

  writeCategoriesDefinitions(categories: Category[]): void {
    this.once.writeCategoriesDefinitions(categories);
  }

  writeResult(result: TestResult): void {
    this.publish(`${result.uuid}-result.json`, (temp) => writeFileSync(temp, JSON.stringify(result), 'utf8'));
  }

  writeGroup(result: TestResultContainer): void {
    this.publish(`${result.uuid}-container.json`, (temp) => writeFileSync(temp, JSON.stringify(result), 'utf8'));
  }

  writeAttachment(distFileName: string, content: Buffer): void {
    this.publish(distFileName, (temp) => writeFileSync(temp, content));
  }

  writeAttachmentFromPath(distFileName: string, from: string): void {
    this.publish(distFileName, (temp) => copyFileSync(from, temp));
  }

  writeGlobals(distFileName: string, info: Parameters<Writer['writeGlobals']>[1]): void {
    this.publish(distFileName, (temp) => writeFileSync(temp, JSON.stringify(info), 'utf8'));
  }

  private publish(name: string, write: (temp: string) => void): void {
    mkdirSync(this.resultsDir, { recursive: true });
    const target = path.join(this.resultsDir, name);
    const temp = path.join(path.dirname(target), `.allure-write-${randomUUID()}.tmp`);
    try {
      write(temp);
      renameSync(temp, target);
    } finally {
      rmSync(temp, { force: true });
    }
  }
}
