import { STEPS, test } from '../../fixtures';

/** Cut off mid-object: what a client with a bug, or a proxy that truncates, sends. */
const INVALID_JSON = '{"type": "user_message", "payload": {"content": ';

test('an invalid JSON frame leaves the socket open and it still runs the agent', { tag: '@writes' }, async ({ golden, goldenConfig, backend, sockets, probes, user, goldenMessage }) => {
  const { urls, budgets } = goldenConfig;

  const threadId = await golden.step(STEPS.startConversation, () =>
    backend.createThread(user, goldenMessage.slice(0, 50)),
  );

  const socket = await golden.step(STEPS.connectForWelcome, () =>
    sockets.connect({ url: urls.ws, token: user.accessToken, connectBudgetMs: budgets.wsConnect.hardMs }),
  );

  // MUST: the socket stays open; SHOULD: an error frame answers (any shape, any code, or none: a warning).
  await golden.step(STEPS.invalidJsonKeepsSocket, () =>
    probes.expectAnswer(socket, [INVALID_JSON, probes.ping()], probes.malformedFrame(urls.ws), budgets.firstEvent.hardMs),
  );

  await golden.step(STEPS.runAfterInvalidJson, () =>
    sockets.chat(socket, { content: goldenMessage, threadId, budgets, context: { userId: user.userId } }),
  );
});
