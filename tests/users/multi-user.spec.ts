import { STEPS, test } from '../../fixtures';

test('many users chat at the same moment and each sees only their own run', { tag: '@writes' }, async ({ golden, goldenConfig, crowd, backend, sockets, goldenMessage }) => {
  const { urls, budgets, concurrentUsers } = goldenConfig;
  const messageOf = (i: number) => `${goldenMessage} (user ${i + 1})`;

  const users = await golden.step(STEPS.crowdSignsIn(concurrentUsers), () =>
    crowd.signIn(concurrentUsers, 'crowd'),
  );

  const threads = await golden.step(STEPS.crowdStartsConversations, () =>
    crowd.together('start a conversation', users, (user, i) => backend.createThread(user, messageOf(i).slice(0, 50))),
  );

  const sessions = await golden.step(STEPS.crowdConnects, () =>
    crowd.together('connect to the welcome', users, (user) => sockets.connect({ url: urls.ws, token: user.accessToken, connectBudgetMs: budgets.wsConnect.hardMs })),
  );

  const members = users.map((user, i) => ({ user, threadId: threads[i] as string, session: sessions[i]! }));
  const runs = await golden.step(STEPS.crowdRuns, async () => {
    const finished = await crowd.together(
      'message sent → agent_completed',
      members,
      (m, i) =>
        sockets.chat(m.session, {
          content: messageOf(i),
          threadId: m.threadId,
          budgets,
          context: { userId: m.user.userId, foreignThreadIds: crowd.foreignTo(m.threadId, threads) },
        }),
      (run) => ({ 'message sent → first agent event': (run.firstEventAt ?? Number.NaN) - (run.sentAt ?? Number.NaN) }),
    );
    crowd.expectIsolated(members);
    return finished;
  });

  await golden.step(STEPS.crowdSaved, () =>
    crowd.together('conversation saved', members, (m, i) => backend.expectSaved(m.user, m.threadId, [{ label: 'the run', sent: messageOf(i), answer: runs[i]?.answer }])),
  );
});
