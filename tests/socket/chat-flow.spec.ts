import { STEPS, test } from '../../fixtures';

test('a chat message over the socket makes the agent run', { tag: '@writes' }, async ({ golden, goldenConfig, backend, sockets, user, goldenMessage }) => {
  const { urls, budgets } = goldenConfig;

  const threadId = await golden.step(STEPS.startConversation, () =>
    backend.createThread(user, goldenMessage.slice(0, 50)),
  );

  const socket = await golden.step(STEPS.connectForWelcome, () =>
    sockets.connect({ url: urls.ws, token: user.accessToken, connectBudgetMs: budgets.wsConnect.hardMs }),
  );

  const run = await golden.step(STEPS.agentRuns, () =>
    sockets.chat(socket, { content: goldenMessage, threadId, budgets, context: { userId: user.userId } }),
  );

  await golden.step(STEPS.conversationSaved, () =>
    backend.expectSaved(user, threadId, [{ label: 'the run', sent: goldenMessage, answer: run.answer }]),
  );
});
