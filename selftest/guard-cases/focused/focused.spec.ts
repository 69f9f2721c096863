import { STEPS, test } from '../../../fixtures';

/** NOT a golden test: proves a `test.only` that slips in stops the golden run (run-guard.spec.ts). */
// eslint-disable-next-line playwright/no-focused-test
test.only('the backend is healthy, ready and its socket is up', async ({ backend, golden }) => {
  await golden.step(STEPS.backendHealthy, () => backend.expectHealthy('/health'));
});
