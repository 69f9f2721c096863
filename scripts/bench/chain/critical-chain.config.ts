import { defineConfig } from '@playwright/test';
import { launchedExecutable, resolveBrowser } from '../../../runner/resolve-browser';

/**
 * `npm run bench` only: the golden path's bare critical chain under the same runner, platform
 * and browser as `npx playwright test --project=local`: one worker, one browser, dev login, one
 * chat until the answer shows, the list reporter. No environment file, no golden steps, no
 * Allure: what no suite on this platform can go below. The browser is the one the golden path's
 * headless tests launch (the system's headless shell when there is one). The URLs come from the bench's
 * process environment; CHAIN_START_PLATFORM=0 when the bench started the platform itself.
 */
const frontend = new URL(process.env.FRONTEND_URL ?? 'http://localhost:3000');
const portOf = (name: string) => new URL(process.env[name] ?? 'http://localhost:0').port;
const browser = resolveBrowser();
const timings = process.env.GOLDEN_TIMINGS;

export default defineConfig({
  testDir: __dirname,
  testMatch: 'critical-chain.spec.ts',
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results/critical-chain',
  workers: 1,
  retries: 0,
  timeout: 90_000,
  reporter: [['list'], ...(timings ? [['../../../reporters/stage-timing-reporter.ts', { outputFile: timings }] as const] : [])],
  use: { baseURL: frontend.origin, headless: true, launchOptions: { executablePath: launchedExecutable(browser, { headless: true }), args: browser.args } },
  // The same start as the golden path's webServer: node with tsx's loader, ready on its line.
  webServer:
    process.env.CHAIN_START_PLATFORM === '0'
      ? undefined
      : {
          command: 'node --import tsx platform/main.ts',
          cwd: '../../..',
          port: Number(frontend.port),
          wait: { stdout: /netra reference platform ready/ },
          reuseExistingServer: false,
          timeout: 20_000,
          stdout: 'ignore',
          stderr: 'pipe',
          gracefulShutdown: { signal: 'SIGTERM', timeout: 2_000 },
          env: { FRONTEND_PORT: frontend.port, AUTH_PORT: portOf('AUTH_URL'), BACKEND_PORT: portOf('BACKEND_URL') },
        },
});
