import { describeSaved } from '../../src/contract/conversation';
import { expect, test } from '../../fixtures';

test("a message on another user's thread gets Access denied", { tag: '@writes' }, async ({ golden, goldenConfig, crowd, backend, sockets, probes, goldenMessage }) => {
  const { urls, budgets } = goldenConfig;
  const intrusion = `${goldenMessage} (on a thread that is not mine)`;

  const [owner, other] = await golden.step('two distinct users sign in', { kind: 'token', budget: 'token', failAs: 'AUTH_FAILED' }, () =>
    crowd.signIn(2, 'owner-and-other'),
  );

  const threadId = await golden.step('the owner starts a conversation', { kind: 'http', budget: 'health', failAs: 'BACKEND_UNHEALTHY' }, () =>
    backend.createThread(owner!, goldenMessage.slice(0, 50)),
  );

  const socket = await golden.step('the other user connects to the socket and gets the welcome', { kind: 'wsConnect', budget: 'wsConnect', failAs: 'WS_CLOSED_EARLY' }, () =>
    sockets.connect({ url: urls.ws, token: other!.accessToken, connectBudgetMs: budgets.wsConnect.hardMs }),
  );

  await golden.step("the other user's message on the owner's thread is refused with Access denied", { kind: 'wsAnswer', budget: 'firstEvent', failAs: 'ISOLATION_BREACH' }, () =>
    probes.expectAnswer(socket, [{ type: 'user_message', payload: { content: intrusion, thread_id: threadId } }], probes.accessDenied(threadId, owner!.userId), budgets.firstEvent.hardMs),
  );

  await golden.step("the other user cannot read the owner's thread (404 or 403)", { kind: 'http', budget: 'health', failAs: 'ISOLATION_BREACH' }, () =>
    backend.expectNoAccess(other!, threadId),
  );

  await golden.step("the owner's thread holds nothing of the other user", { kind: 'http', budget: 'health', failAs: 'ISOLATION_BREACH' }, async () => {
    const messages = await backend.messages(owner!, threadId);
    const written = messages.filter((m) => m.content.includes(intrusion));
    expect(written, `[ISOLATION_BREACH] another user's message was written to ${owner!.userId}'s thread ${threadId}: ${describeSaved(written)}`).toEqual([]);
  });
});
