import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export interface ResolvedBrowser {
  /** Where the browser came from, printed at start and recorded in the report. */
  source: 'playwright' | 'system';
  /** `undefined` means Playwright's own bundled Chromium. */
  executablePath: string | undefined;
  /**
   * A system Chromium's headless shell, when the system has one (Debian's
   * `chromium-headless-shell`): what a headless test launches, as Playwright itself launches its
   * own `chromium-headless-shell` for headless tests. Never set for Playwright's own Chromium
   * (Playwright picks its shell itself) nor for CHROMIUM_PATH (an explicit choice is kept).
   */
  headlessShellPath?: string;
  args: string[];
}

/**
 * Debian's Chromium phones home at start-up unless told not to; on a machine without
 * internet those connections are refused many at a time and slow every launch.
 */
const SYSTEM_CHROMIUM_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where a system Chromium is looked for, by the run and by `npm run setup` (scripts/setup-browser.ts). */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
/** Chromium's headless-only build: the same engine, without the desktop browser's UI layers. */
export const SYSTEM_HEADLESS_SHELL_PATHS = ['/usr/bin/chromium-headless-shell'];

/**
 * Picks a browser without ever downloading one: Playwright's own Chromium when it is installed
 * (a laptop after `npx playwright install`, the official Playwright image), else a system
 * Chromium (`CHROMIUM_PATH`, or Debian's). Throws with what to install when there is none.
 */
export function resolveBrowser(env: NodeJS.ProcessEnv = process.env): ResolvedBrowser {
  const explicit = env.CHROMIUM_PATH?.trim();
  if (explicit) {
    if (!existsSync(explicit)) {
      throw new Error(`[CONFIG_INVALID] CHROMIUM_PATH=${explicit} does not exist`);
    }
    return systemBrowser(explicit);
  }
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined; // playwright-core throws when it has no registry entry; that just means "not bundled"
  }
  if (bundled && existsSync(bundled)) return { source: 'playwright', executablePath: undefined, args: [] };
  const system = SYSTEM_CHROMIUM_PATHS.find((p) => existsSync(p));
  if (system) return { ...systemBrowser(system), headlessShellPath: SYSTEM_HEADLESS_SHELL_PATHS.find((p) => existsSync(p)) };
  throw new Error(
    '[CONFIG_INVALID] no Chromium found: neither Playwright\'s own (npx playwright install chromium) ' +
      `nor a system one (${SYSTEM_CHROMIUM_PATHS.join(', ')}; on Debian: apt-get install -y chromium), ` +
      'nor CHROMIUM_PATH.',
  );
}

function systemBrowser(executablePath: string): ResolvedBrowser {
  const args = [...SYSTEM_CHROMIUM_FLAGS];
  // Chromium refuses to start its sandbox as root (CI containers run as root).
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return { source: 'system', executablePath, args };
}

/** A project's `use`: headless unless it says otherwise (`--headed` and `--debug` set it false). */
export type BrowserUse = { headless?: boolean } | undefined;

/**
 * The executable a launch uses: the system's headless shell for a headless browser when there
 * is one (about 40 % of the full browser's CPU for the same page on this project's 2-core
 * machine, docs/architecture.md), else the resolved browser; a headed browser (`--headed`,
 * `--debug`) is always the full one. `undefined` is Playwright's own choice.
 */
export function launchedExecutable(browser: ResolvedBrowser, use: BrowserUse): string | undefined {
  return use?.headless !== false && browser.headlessShellPath ? browser.headlessShellPath : browser.executablePath;
}

/** How the run names its browser (start line, Allure environment). */
export function browserLabel(browser: ResolvedBrowser, use: BrowserUse): string {
  if (browser.source === 'playwright') return "Playwright's Chromium";
  const executable = launchedExecutable(browser, use);
  return executable === browser.headlessShellPath ? `system Chromium headless shell (${executable})` : `system Chromium (${executable})`;
}
