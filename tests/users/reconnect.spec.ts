import { STEPS, test } from '../../fixtures';

test('a user whose connection drops reconnects and carries on in the same conversation', { tag: '@writes' }, async ({ golden, goldenConfig, backend, sockets, user, goldenMessage }) => {
  const { urls, budgets } = goldenConfig;
  const before = `${goldenMessage} (before the drop)`;
  const after = `${goldenMessage} (after reconnecting)`;

  const threadId = await golden.step(STEPS.startConversation, () =>
    backend.createThread(user, before.slice(0, 50)),
  );

  const first = await golden.step(STEPS.connectForWelcome, () =>
    sockets.connect({ url: urls.ws, token: user.accessToken, connectBudgetMs: budgets.wsConnect.hardMs }),
  );

  const firstRun = await golden.step(STEPS.firstAnswer, () =>
    sockets.chat(first, { content: before, threadId, budgets, context: { userId: user.userId } }),
  );

  // The reconnect budget runs from the drop to the new socket's welcome (contract section 6).
  const second = await golden.step(STEPS.reconnect, async () => {
    first.drop();
    return sockets.connect({ url: urls.ws, token: user.accessToken, connectBudgetMs: budgets.reconnect.hardMs });
  });

  const secondRun = await golden.step(STEPS.answerAfterReconnect, () =>
    sockets.chat(second, { content: after, threadId, budgets, context: { userId: user.userId } }),
  );

  await golden.step(STEPS.bothRunsSaved, () =>
    backend.expectSaved(user, threadId, [
      { label: 'the first run', sent: before, answer: firstRun.answer },
      { label: 'the run after reconnecting', sent: after, answer: secondRun.answer },
    ]),
  );
});
