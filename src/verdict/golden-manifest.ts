/**
 * The golden tests the suite declares, per stage. The run guard compares what ran with this
 * list: a golden test that was skipped, filtered out, deleted or never reached fails the run
 * as a whole with NOT_REALLY_EXECUTED (contract section 7). Titles are the tests' own.
 */
export interface GoldenTest {
  stage: string;
  title: string;
  /** Creates threads or spends model tokens: on production only with ALLOW_PRODUCTION_CHAT=1. */
  writes: boolean;
}

export const GOLDEN_TESTS: readonly GoldenTest[] = [
  { stage: 'frontend', title: 'the chat page loads and becomes ready', writes: false },
  { stage: 'auth', title: 'the auth service is healthy and publishes its config', writes: false },
  { stage: 'auth', title: 'a user gets a token and the service accepts it', writes: false },
  { stage: 'health', title: 'the backend is healthy, ready and its socket is up', writes: false },
  { stage: 'socket', title: 'a chat message over the socket makes the agent run', writes: true },
  { stage: 'browser', title: 'a user chats with the agent in the browser', writes: true },
];

/** The stages in the order the golden path walks them. */
export const STAGES = ['frontend', 'auth', 'health', 'socket', 'browser'] as const;

export function declaredGoldenTests(chatAllowed: boolean): GoldenTest[] {
  return GOLDEN_TESTS.filter((t) => chatAllowed || !t.writes);
}
