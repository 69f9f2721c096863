import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export interface ResolvedBrowser {
  /** Where the browser came from, printed at start and recorded in the report. */
  source: 'playwright' | 'system';
  /** `undefined` means Playwright's own bundled Chromium. */
  executablePath: string | undefined;
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

const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

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
  if (system) return systemBrowser(system);
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
