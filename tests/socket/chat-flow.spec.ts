import { test } from '../../fixtures';

test('a chat message over the socket makes the agent run', { tag: '@writes' }, async ({ golden, goldenConfig, backend, sockets, user, goldenMessage }) => {
  const { urls, budgets } = goldenConfig;

  const threadId = await golden.step('start a conversation', { kind: 'http', budget: 'health', failAs: 'BACKEND_UNHEALTHY' }, () =>
    backend.createThread(user, goldenMessage.slice(0, 50)),
  );

  const socket = await golden.step('connect to the socket and get the welcome', { kind: 'wsConnect', budget: 'wsConnect', failAs: 'WS_CLOSED_EARLY' }, () =>
    sockets.connect({ url: urls.ws, token: user.accessToken, connectBudgetMs: budgets.wsConnect.hardMs }),
  );

  const run = await golden.step('the agent starts, thinks, runs its tool and completes', { kind: 'agentRun', budget: 'agentRun', failAs: 'AGENT_STALLED' }, () =>
    sockets.chat(socket, { content: goldenMessage, threadId, budgets, context: { userId: user.userId } }),
  );

  await golden.step('the conversation is saved', { kind: 'http', budget: 'health', failAs: 'CONVERSATION_NOT_SAVED' }, () =>
    backend.expectSaved(user, threadId, [{ label: 'the run', sent: goldenMessage, answer: run.answer }]),
  );
});
