import { test } from '../../fixtures';

test('the chat page loads and becomes ready', async ({ golden, chatPage, user }) => {
  await golden.step('open the app', { kind: 'pageLoad', budget: 'pageLoad', failAs: 'FRONTEND_BROKEN' }, async () => {
    await chatPage.openApp();
  });

  await golden.step('sign in and see the chat', { kind: 'pageLoad', budget: 'pageLoad', failAs: 'FRONTEND_BROKEN' }, async () => {
    await chatPage.signIn(user);
    await chatPage.waitUntilReady();
  });
});
