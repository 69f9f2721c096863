import { test } from '../../fixtures';

test('a user chats with the agent in the browser', { tag: '@writes' }, async ({ golden, chatPage, user, goldenMessage }) => {
  await golden.step('sign in and open the chat', { kind: 'pageLoad', budget: 'pageLoad', failAs: 'FRONTEND_BROKEN' }, async () => {
    await chatPage.signIn(user);
    await chatPage.waitUntilReady();
  });

  const run = await golden.step('send a message; the agent starts, thinks, runs its tool and completes', { kind: 'agentRun', budget: 'agentRun', failAs: 'AGENT_STALLED' }, () =>
    chatPage.chat(goldenMessage, user),
  );

  await golden.step('the answer appears in the conversation', { kind: 'uiAnswer', budget: 'eventGap', failAs: 'UI_NO_RESPONSE' }, () =>
    chatPage.expectAnswerShown(run.answer ?? ''),
  );
});
