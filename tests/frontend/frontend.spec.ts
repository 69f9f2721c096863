import { STEPS, test } from '../../fixtures';

test('the chat page loads and becomes ready', async ({ golden, chatPage, user }) => {
  await golden.step(STEPS.openApp, async () => {
    await chatPage.openApp();
  });

  await golden.step(STEPS.signInAndSeeChat, async () => {
    await chatPage.signIn(user);
    await chatPage.waitUntilReady();
  });
});
