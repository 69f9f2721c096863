import { expect, STEPS, test } from '../../fixtures';

test('a token with a forged signature is refused on the socket', { tag: '@writes' }, async ({ golden, goldenConfig, probes, user }) => {
  const { urls, budgets } = goldenConfig;
  await golden.step(STEPS.forgedSignatureRefused, () =>
    probes.expectRefused('a token with a forged signature', { url: urls.ws, token: probes.forgeSignature(user.accessToken), budgetMs: budgets.wsConnect.hardMs }),
  );
});

test('a refresh token used as an access token is refused on the socket', { tag: '@writes' }, async ({ golden, goldenConfig, probes, authService }) => {
  const { urls, budgets } = goldenConfig;
  const tokens = await golden.step(STEPS.getTokenPair, () =>
    authService.issueToken(),
  );
  expect(tokens.refreshToken, `[AUTH_FAILED] the auth service issued no refresh token by AUTH_MODE=${goldenConfig.authMode}`).toBeTruthy();

  await golden.step(STEPS.refreshTokenRefused, () =>
    probes.expectRefused('a refresh token as the access token', { url: urls.ws, token: tokens.refreshToken ?? '', budgetMs: budgets.wsConnect.hardMs }),
  );
});
