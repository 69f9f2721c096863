import { STEPS, test } from '../../fixtures';

test('a user chats with the agent in the browser', { tag: '@writes' }, async ({ golden, chatPage, user, goldenMessage }) => {
  await golden.step(STEPS.signInAndOpenChat, async () => {
    await chatPage.signIn(user);
    await chatPage.waitUntilReady();
  });

  const run = await golden.step(STEPS.sendOnPage, () =>
    chatPage.chat(goldenMessage, user),
  );

  await golden.step(STEPS.answerOnPage, () =>
    chatPage.expectAnswerShown(run.answer ?? ''),
  );
});
