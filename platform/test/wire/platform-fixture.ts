import { test as base } from '@playwright/test';
import { parseFaults } from '../../faults';
import { parseVariants } from '../../variants';
import { type PlatformOptions, type RunningPlatform, startPlatform } from '../../start';
import { devLogin, type TokenAnswer } from './platform-client';
import { WireSocket } from './wire-socket';

/** A known secret, so tests can forge the tokens the platform must refuse (contract section 3). */
export const TEST_JWT_SECRET = 'platform-selftest-secret-0123456789abcdef';
/** Fast pacing where pacing is not what a test is about. */
export const FAST_STEP_MS = 20;

interface PlatformFixtures {
  /** Laid over the test defaults (the secret above, fast pacing); set with `test.use`. */
  platformOptions: PlatformOptions;
  platform: RunningPlatform;
  /** The dev user's tokens, from the auth service's dev login. */
  devTokens: TokenAnswer;
  /** The dev user's socket, welcomed; closed after the test. */
  devSocket: WireSocket;
}

/** A fresh platform per test on ephemeral ports; options (faults, pacing) via `test.use`. */
export const test = base.extend<PlatformFixtures>({
  platformOptions: [{}, { option: true }],
  platform: async ({ platformOptions }, use) => {
    const platform = await startPlatform({ jwtSecret: TEST_JWT_SECRET, agentStepMs: FAST_STEP_MS, ...platformOptions });
    await use(platform);
    await platform.stop();
  },
  devTokens: async ({ platform }, use) => {
    await use(await devLogin(platform.urls.auth));
  },
  devSocket: async ({ platform, devTokens }, use) => {
    const probe = await WireSocket.welcomed(platform.urls.ws, { token: devTokens.access_token });
    await use(probe);
    probe.close();
  },
});

/** The platform of every test in the enclosing describe runs with these faults (`PLATFORM_FAULTS` syntax). */
export function withFaults(spec: string): void {
  test.use({ platformOptions: { faults: parseFaults(spec) } });
}

export { expect } from '@playwright/test';

/** The platform of every test in the enclosing describe runs with these variants (`PLATFORM_VARIANTS` syntax). */
export function withVariants(spec: string, faults = ''): void {
  test.use({ platformOptions: { variants: parseVariants(spec), faults: parseFaults(faults) } });
}
