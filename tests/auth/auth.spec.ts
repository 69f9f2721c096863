import { STEPS, test } from '../../fixtures';

test('the auth service is healthy and publishes its config', async ({ golden, authService }) => {
  await golden.step(STEPS.authHealthy, async () => {
    await authService.expectHealthy('/health');
    await authService.expectHealthy('/auth/health');
  });

  await golden.step(STEPS.authConfig, async () => {
    await authService.config();
  });
});

test('a user gets a token and the service accepts it', async ({ golden, authService }) => {
  const tokens = await golden.step(STEPS.getToken, () =>
    authService.issueToken(),
  );

  await golden.step(STEPS.tokenAccepted, () =>
    authService.expectAccepted(tokens),
  );
});
