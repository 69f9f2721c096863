import { defineConfig } from '@playwright/test';
import { resolveBrowser } from './runner/resolve-browser';

/**
 * The suite's own tests (`npm test`): unit tests of the pure logic, the reference platform's
 * conformance tests, and the verdict tests that run the golden path against a broken platform.
 * The golden path itself has its own config (playwright.config.ts), one project per environment.
 */
const browser = resolveBrowser();

export default defineConfig({
  forbidOnly: true,
  reporter: [['list']],
  use: {
    launchOptions: { executablePath: browser.executablePath, args: browser.args },
  },
  projects: [
    { name: 'unit', testDir: 'src', testMatch: /.*\.test\.ts$/ },
    { name: 'platform', testDir: 'platform/test', testMatch: /.*\.spec\.ts$/ },
    { name: 'verdict', testDir: 'selftest/verdict', testMatch: /.*\.spec\.ts$/ },
    // Every way people start Playwright (test server, --list, the CLI), and production's refusal.
    { name: 'entry-points', testDir: 'selftest/entry-points', testMatch: /.*\.spec\.ts$/ },
    // The golden path with known secret values; every artifact it writes is scanned for them.
    { name: 'secrets', testDir: 'selftest/secrets', testMatch: /.*\.spec\.ts$/ },
    // The nightly's notification (scripts/notify-nightly.ts) against a stand-in gh on PATH.
    { name: 'notify', testDir: 'selftest/notify', testMatch: /.*\.spec\.ts$/ },
    // `npm run setup` on each kind of machine, with stand-in npm, npx, apt-get and sudo on PATH: which command runs, never a download.
    { name: 'setup', testDir: 'selftest/setup', testMatch: /.*\.spec\.ts$/ },
    // The load mode's engines (own driver, Artillery scenario) against the healthy and the broken platform.
    { name: 'load', testDir: 'selftest/load', testMatch: /.*\.spec\.ts$/ },
  ],
});
