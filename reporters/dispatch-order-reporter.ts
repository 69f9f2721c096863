import path from 'node:path';
import type { FullConfig, Reporter, Suite } from '@playwright/test/reporter';
import { dispatchRank } from '../src/verdict/dispatch-order';

/**
 * Puts the golden tests in their declared order at the head of Playwright's queue
 * (src/verdict/dispatch-order.ts: the chat test, the agent tests longest first, the page load)
 * before Playwright builds it from the suite. Playwright offers no public way to order files
 * other than by name, so this sorts the project suites' private list of file suites, the one
 * the queue is built from (a stable sort: the rest keep their order). The CLI self-test
 * (selftest/entry-points) checks the order took effect, so a Playwright that stops reading that
 * list turns it red instead of silently slowing the run. A shard keeps Playwright's order: its
 * split takes the queue in slices, and sorted it would give one shard all the long tests.
 */
export default class DispatchOrderReporter implements Reporter {
  async preprocess({ config, suite }: { config: FullConfig; suite: Suite }): Promise<void> {
    if (config.shard) return;
    for (const project of suite.suites) {
      const files = (project as unknown as { _entries?: unknown })._entries;
      const testDir = project.project()?.testDir;
      if (!Array.isArray(files) || !testDir) continue;
      const rank = (file: Suite) => dispatchRank(path.relative(testDir, file.location?.file ?? ''));
      (files as Suite[]).sort((a, b) => rank(a) - rank(b));
    }
  }

  printsToStdio(): boolean {
    return false;
  }
}
