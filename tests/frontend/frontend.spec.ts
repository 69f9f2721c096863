import { BROWSER_LANE, STEPS, test } from '../../fixtures';

test('the chat page loads and becomes ready', { lock: BROWSER_LANE }, async ({ golden, chatPage, user }) => {
  await golden.step(STEPS.openApp, async () => {
    await chatPage.openApp();
  });

  await golden.step(STEPS.signInAndSeeChat, async () => {
    await chatPage.signIn(user);
    await chatPage.waitUntilReady();
  });
});
