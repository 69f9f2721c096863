import { test as base } from '@playwright/test';
import { type PlatformOptions, type RunningPlatform, startPlatform } from '../../start';

/** A known secret, so tests can forge the tokens the platform must refuse (contract section 3). */
export const TEST_JWT_SECRET = 'platform-selftest-secret-0123456789abcdef';
/** Fast pacing where pacing is not what a test is about. */
export const FAST_STEP_MS = 20;

interface PlatformFixtures {
  platformOptions: PlatformOptions;
  platform: RunningPlatform;
}

/** A fresh platform per test on ephemeral ports; options (faults, pacing) via `test.use`. */
export const test = base.extend<PlatformFixtures>({
  platformOptions: [{ agentStepMs: FAST_STEP_MS, jwtSecret: TEST_JWT_SECRET }, { option: true }],
  platform: async ({ platformOptions }, use) => {
    const platform = await startPlatform({ jwtSecret: TEST_JWT_SECRET, agentStepMs: FAST_STEP_MS, ...platformOptions });
    await use(platform);
    await platform.stop();
  },
});

export { expect } from '@playwright/test';
