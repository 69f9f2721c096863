import { expect, test } from '@playwright/test';
import { browserLabel, launchedExecutable, resolveBrowser, type ResolvedBrowser } from '../../runner/resolve-browser';

const system: ResolvedBrowser = { source: 'system', executablePath: '/usr/bin/chromium', headlessShellPath: '/usr/bin/chromium-headless-shell', args: ['--no-sandbox'] };

test("a headless launch takes the system's headless shell, a headed one the full browser", () => {
  expect(launchedExecutable(system, { headless: true })).toBe('/usr/bin/chromium-headless-shell');
  expect(launchedExecutable(system, { headless: false })).toBe('/usr/bin/chromium');
  expect(browserLabel(system, undefined)).toBe('system Chromium headless shell (/usr/bin/chromium-headless-shell)');
  expect(browserLabel(system, { headless: false })).toBe('system Chromium (/usr/bin/chromium)');
});

test('without a headless shell, and for Playwright\'s own Chromium, the launch is unchanged', () => {
  const noShell: ResolvedBrowser = { ...system, headlessShellPath: undefined };
  expect(launchedExecutable(noShell, {})).toBe('/usr/bin/chromium');
  expect(browserLabel(noShell, {})).toBe('system Chromium (/usr/bin/chromium)');
  const own: ResolvedBrowser = { source: 'playwright', executablePath: undefined, args: [] };
  expect(launchedExecutable(own, {})).toBeUndefined();
  expect(browserLabel(own, {})).toBe("Playwright's Chromium");
});

test('CHROMIUM_PATH is kept for headless launches too', () => {
  const explicit = resolveBrowser({ CHROMIUM_PATH: process.execPath });
  expect(explicit.headlessShellPath).toBeUndefined();
  expect(launchedExecutable(explicit, {})).toBe(process.execPath);
});
