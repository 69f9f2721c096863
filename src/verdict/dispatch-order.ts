/**
 * The order Playwright hands the golden tests to its workers: the longest chains first, then the
 * rest in Playwright's own (alphabetical) order. Playwright has no priority between test files:
 * it queues them by path, which started the reconnect test (two agent runs in a row) last, behind
 * the quick ones, and made it the run's tail (README, Benchmarks). The two browser tests come
 * first because they share one lane (BROWSER_LANE, src/config/runner-defaults.ts), which is the
 * longest chain; then the tests that run the agent, longest first. Paths are relative to the
 * golden test folder; reporters/dispatch-order-reporter.ts applies the order.
 */
export const LONGEST_FIRST = [
  'browser/chat.spec.ts',
  'frontend/frontend.spec.ts',
  'users/reconnect.spec.ts',
  'users/multi-user.spec.ts',
  'socket/chat-flow.spec.ts',
  'unhappy/malformed-frame.spec.ts',
] as const;

/** A spec's place in the queue: its index in LONGEST_FIRST, every other spec after them all. */
export function dispatchRank(relativeFile: string): number {
  const index = (LONGEST_FIRST as readonly string[]).indexOf(relativeFile.split('\\').join('/'));
  return index === -1 ? LONGEST_FIRST.length : index;
}
