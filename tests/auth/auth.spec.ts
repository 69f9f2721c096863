import { test } from '../../fixtures';

test('the auth service is healthy and publishes its config', async ({ golden, authService }) => {
  await golden.step('auth health says healthy', { kind: 'http', budget: 'health', failAs: 'AUTH_UNHEALTHY' }, async () => {
    await authService.expectHealthy('/health');
    await authService.expectHealthy('/auth/health');
  });

  await golden.step('auth config names its endpoints', { kind: 'http', budget: 'health', failAs: 'AUTH_FAILED' }, async () => {
    await authService.config();
  });
});

test('a user gets a token and the service accepts it', async ({ golden, authService }) => {
  const tokens = await golden.step('get a token the environment\'s way', { kind: 'token', budget: 'token', failAs: 'AUTH_FAILED' }, () =>
    authService.issueToken(),
  );

  await golden.step('the service accepts its own token', { kind: 'http', budget: 'token', failAs: 'AUTH_FAILED' }, () =>
    authService.expectAccepted(tokens),
  );
});
