import { describeSaved } from '../../src/contract/conversation';
import { expect, STEPS, test } from '../../fixtures';

test("a message on another user's thread gets Access denied", { tag: '@writes' }, async ({ golden, goldenConfig, crowd, backend, sockets, probes, goldenMessage }) => {
  const { urls, budgets } = goldenConfig;
  const intrusion = `${goldenMessage} (on a thread that is not mine)`;

  const [owner, other] = await golden.step(STEPS.twoUsersSignIn, () =>
    crowd.signIn(2, 'owner-and-other'),
  );

  const threadId = await golden.step(STEPS.ownerStartsConversation, () =>
    backend.createThread(owner!, goldenMessage.slice(0, 50)),
  );

  const socket = await golden.step(STEPS.otherUserConnects, () =>
    sockets.connect({ url: urls.ws, token: other!.accessToken, connectBudgetMs: budgets.wsConnect.hardMs }),
  );

  await golden.step(STEPS.foreignMessageRefused, () =>
    probes.expectAnswer(socket, [{ type: 'user_message', payload: { content: intrusion, thread_id: threadId } }], probes.accessDenied(threadId, owner!.userId), budgets.firstEvent.hardMs),
  );

  await golden.step(STEPS.foreignReadRefused, () =>
    backend.expectNoAccess(other!, threadId),
  );

  await golden.step(STEPS.ownerThreadClean, async () => {
    const messages = await backend.messages(owner!, threadId);
    const written = messages.filter((m) => m.content.includes(intrusion));
    expect(written, `[ISOLATION_BREACH] another user's message was written to ${owner!.userId}'s thread ${threadId}: ${describeSaved(written)}`).toEqual([]);
  });
});
