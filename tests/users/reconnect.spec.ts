import { test } from '../../fixtures';

test('a user whose connection drops reconnects and carries on in the same conversation', { tag: '@writes' }, async ({ golden, goldenConfig, backend, sockets, user, goldenMessage }) => {
  const { urls, budgets } = goldenConfig;
  const before = `${goldenMessage} (before the drop)`;
  const after = `${goldenMessage} (after reconnecting)`;

  const threadId = await golden.step('start a conversation', { kind: 'http', budget: 'health', failAs: 'BACKEND_UNHEALTHY' }, () =>
    backend.createThread(user, before.slice(0, 50)),
  );

  const first = await golden.step('connect to the socket and get the welcome', { kind: 'wsConnect', budget: 'wsConnect', failAs: 'WS_CLOSED_EARLY' }, () =>
    sockets.connect({ url: urls.ws, token: user.accessToken, connectBudgetMs: budgets.wsConnect.hardMs }),
  );

  const firstRun = await golden.step('the agent answers the first message', { kind: 'agentRun', budget: 'agentRun', failAs: 'AGENT_STALLED' }, () =>
    sockets.chat(first, { content: before, threadId, budgets, context: { userId: user.userId } }),
  );

  // The reconnect budget runs from the drop to the new socket's welcome (contract section 6).
  const second = await golden.step('the connection drops; the user is back within the reconnect budget', { kind: 'wsConnect', budget: 'reconnect', failAs: 'WS_CLOSED_EARLY' }, async () => {
    first.drop();
    return sockets.connect({ url: urls.ws, token: user.accessToken, connectBudgetMs: budgets.reconnect.hardMs });
  });

  const secondRun = await golden.step('the agent answers on the same thread after reconnecting', { kind: 'agentRun', budget: 'agentRun', failAs: 'AGENT_STALLED' }, () =>
    sockets.chat(second, { content: after, threadId, budgets, context: { userId: user.userId } }),
  );

  await golden.step('the conversation holds both runs', { kind: 'http', budget: 'health', failAs: 'CONVERSATION_NOT_SAVED' }, () =>
    backend.expectSaved(user, threadId, [
      { label: 'the first run', sent: before, answer: firstRun.answer },
      { label: 'the run after reconnecting', sent: after, answer: secondRun.answer },
    ]),
  );
});
