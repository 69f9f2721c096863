/**
 * The golden tests the suite declares, per stage (checked against the specs themselves by
 * golden-manifest.test.ts, so a renamed, added or re-tagged spec fails the unit tests). The run guard compares what ran with this
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
  { stage: 'users', title: 'many users chat at the same moment and each sees only their own run', writes: true },
  { stage: 'users', title: 'a user whose connection drops reconnects and carries on in the same conversation', writes: true },
  // The unhappy paths touch only test users, but they stay off production unless chat is allowed.
  { stage: 'unhappy', title: 'a token with a forged signature is refused on the socket', writes: true },
  { stage: 'unhappy', title: 'a refresh token used as an access token is refused on the socket', writes: true },
  { stage: 'unhappy', title: "a message on another user's thread gets Access denied", writes: true },
  { stage: 'unhappy', title: 'an invalid JSON frame leaves the socket open and it still runs the agent', writes: true },
];

/** The stages in the order the golden path walks them. */
export const STAGES = ['frontend', 'auth', 'health', 'socket', 'browser', 'users', 'unhappy'] as const;

export function declaredGoldenTests(chatAllowed: boolean): GoldenTest[] {
  return GOLDEN_TESTS.filter((t) => chatAllowed || !t.writes);
}

/** The stage of a spec is the folder it lives in: `tests/<stage>/<name>.spec.ts`. */
export function stageOfFile(file: string): string {
  return file.split(/[\\/]/).at(-2) ?? '';
}
