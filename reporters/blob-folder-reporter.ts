import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, Reporter } from '@playwright/test/reporter';
import { blobReportDir } from '../src/report/allure-run-info';

/**
 * Puts a shard's blob report in its own folder, `blob-report/shard-i-of-n/`, where the next
 * shard run on the same machine does not erase it (the blob reporter empties its folder first)
 * and `npm run merge` finds every shard. Which shard a run is only the runner knows
 * (`config.shard`), not the config file, so the blob is written to a scratch folder and moved
 * here, after every reporter has finished. A whole run writes no blob (src/config/run-context.ts)
 * unless PW_BLOB_DIR asks, and then it stays where it was written.
 */
export interface BlobFolderOptions {
  /** PW_BLOB_DIR: the blob stays where it was written. */
  explicitDir?: string;
  writtenDir: string;
}

export default class BlobFolderReporter implements Reporter {
  private shard: FullConfig['shard'] = null;
  private rootDir = process.cwd();

  constructor(private readonly options: BlobFolderOptions) {}

  onBegin(config: FullConfig): void {
    this.shard = config.shard;
    this.rootDir = config.configFile ? path.dirname(config.configFile) : process.cwd();
  }

  async onExit(): Promise<void> {
    if (this.options.explicitDir) return;
    const written = path.resolve(this.rootDir, this.options.writtenDir);
    if (!existsSync(written)) return;
    if (this.shard) {
      const target = path.resolve(this.rootDir, blobReportDir(undefined, this.shard));
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      for (const name of readdirSync(written)) renameSync(path.join(written, name), path.join(target, name));
    }
    rmSync(written, { recursive: true, force: true });
  }

  printsToStdio(): boolean {
    return false;
  }
}
