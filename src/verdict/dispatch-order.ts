/**
 * The order Playwright hands the golden tests to its workers. Playwright has no priority between
 * test files: it queues them by path, which started the reconnect test (two agent runs in a row)
 * last, behind the quick ones, and made it the run's tail (docs/architecture.md, why it is built this way). So the chat test
 * (a page load, then an agent run) comes first, then the tests that run the agent, longest
 * first, then the page-load test: queued behind every agent test, it starts in the first worker
 * one of them frees, after the chat test has loaded its page (two page loads at once on 2 cores
 * each took as long as both in a row), and it evens the workers out: each ends with about two
 * agent runs' worth of waiting. The rest keep Playwright's own (alphabetical) order. Paths are
 * relative to the golden test folder; reporters/dispatch-order-reporter.ts applies the order.
 */
export const QUEUED_FIRST = [
  'browser/chat.spec.ts',
  'users/reconnect.spec.ts',
  'users/multi-user.spec.ts',
  'socket/chat-flow.spec.ts',
  'unhappy/malformed-frame.spec.ts',
  'frontend/frontend.spec.ts',
] as const;

/** A spec's place in the queue: its index in QUEUED_FIRST, every other spec after them all. */
export function dispatchRank(relativeFile: string): number {
  const index = (QUEUED_FIRST as readonly string[]).indexOf(relativeFile.split('\\').join('/'));
  return index === -1 ? QUEUED_FIRST.length : index;
}
