import { test } from '../../fixtures';

/** Cut off mid-object: what a client with a bug, or a proxy that truncates, sends. */
const INVALID_JSON = '{"type": "user_message", "payload": {"content": ';

test('an invalid JSON frame leaves the socket open and it still runs the agent', { tag: '@writes' }, async ({ golden, goldenConfig, backend, sockets, probes, user, goldenMessage }) => {
  const { urls, budgets } = goldenConfig;

  const threadId = await golden.step('start a conversation', { kind: 'http', budget: 'health', failAs: 'BACKEND_UNHEALTHY' }, () =>
    backend.createThread(user, goldenMessage.slice(0, 50)),
  );

  const socket = await golden.step('connect to the socket and get the welcome', { kind: 'wsConnect', budget: 'wsConnect', failAs: 'WS_CLOSED_EARLY' }, () =>
    sockets.connect({ url: urls.ws, token: user.accessToken, connectBudgetMs: budgets.wsConnect.hardMs }),
  );

  // MUST: the socket stays open; SHOULD: an error frame answers (any shape, any code, or none: a warning).
  await golden.step('an invalid JSON frame does not close the socket', { kind: 'wsAnswer', budget: 'firstEvent', failAs: 'WS_CLOSED_EARLY' }, () =>
    probes.expectAnswer(socket, [INVALID_JSON, probes.ping()], probes.malformedFrame(urls.ws), budgets.firstEvent.hardMs),
  );

  await golden.step('the same socket still runs the agent to completion', { kind: 'agentRun', budget: 'agentRun', failAs: 'AGENT_STALLED' }, () =>
    sockets.chat(socket, { content: goldenMessage, threadId, budgets, context: { userId: user.userId } }),
  );
});
