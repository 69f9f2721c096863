/**
 * The browser half of `npm run setup` (scripts/setup.sh runs it after `npm ci`): looks at the
 * machine, asks src/setup/browser-setup.ts for the next step, carries it out, records what
 * happened and asks again, until a Chromium the run will find is there or nothing is left to
 * try. Every command and the download probe have a deadline (SETUP_DEADLINES_MS).
 *
 * Usage: tsx scripts/setup-browser.ts [--system-chromium <path,…>] [--system-headless-shell <path,…>]
 *
 * The two flags say where a system Chromium and its headless shell are looked for; by default
 * where the run looks (runner/resolve-browser.ts). The setup self-test (selftest/setup/) points
 * them at an empty folder to play a machine that has none.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { SYSTEM_CHROMIUM_PATHS, SYSTEM_HEADLESS_SHELL_PATHS } from '../runner/resolve-browser';
import {
  aptCommands,
  headlessShellStep,
  nextBrowserStep,
  PLAYWRIGHT_INSTALL,
  SETUP_DEADLINES_MS,
  type AptAccess,
  type Attempt,
  type MachineFacts,
} from '../src/setup/browser-setup';
import { probeDownload } from '../src/setup/download-probe';

const { values } = parseArgs({
  options: {
    'system-chromium': { type: 'string' },
    'system-headless-shell': { type: 'string' },
  },
});
const list = (flag: string | undefined, fallback: readonly string[]) => (flag === undefined ? fallback : flag.split(',').filter(Boolean));
const chromiumPaths = list(values['system-chromium'], SYSTEM_CHROMIUM_PATHS);
const headlessShellPaths = list(values['system-headless-shell'], SYSTEM_HEADLESS_SHELL_PATHS);

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutableFile(path.join(dir, command)));
}

function playwrightChromiumPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined; // no registry entry for this platform: Playwright has no Chromium to offer here
  }
}

function aptAccess(): AptAccess {
  if (!onPath('apt-get')) return 'absent';
  if (process.getuid?.() === 0) return 'root';
  return onPath('sudo') ? 'sudo' : 'no-privilege';
}

/** What the machine has now; `tried` and the download fact are carried over by the caller. */
function browsersNow(): Pick<MachineFacts, 'chromiumPath' | 'playwrightChromium' | 'playwrightChromiumPath' | 'systemChromium' | 'systemChromiumPaths' | 'systemHeadlessShell'> {
  const explicit = process.env.CHROMIUM_PATH?.trim();
  const bundled = playwrightChromiumPath();
  return {
    chromiumPath: explicit ? { path: explicit, executable: isExecutableFile(explicit) } : undefined,
    playwrightChromium: !!bundled && isExecutableFile(bundled),
    playwrightChromiumPath: bundled,
    systemChromium: chromiumPaths.find(isExecutableFile),
    systemChromiumPaths: chromiumPaths,
    systemHeadlessShell: headlessShellPaths.find(isExecutableFile),
  };
}

/** One command with its deadline; its output shown (`inherit`) or kept for the message. */
function run(command: readonly string[], deadlineMs: number, show: boolean): { ok: boolean; outcome: string } {
  const [file = '', ...args] = command;
  const result = spawnSync(file, args, { stdio: show ? 'inherit' : ['inherit', 'pipe', 'pipe'], timeout: deadlineMs, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { ok: false, outcome: `stopped after ${deadlineMs / 60_000} min without finishing` };
  if (result.error) return { ok: false, outcome: `could not start (${(result.error as NodeJS.ErrnoException).code ?? result.error.message})` };
  if (result.status === 0) return { ok: true, outcome: 'ok' };
  const last = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.trim().split('\n').filter(Boolean).at(-1);
  return { ok: false, outcome: `exit ${result.status ?? result.signal}${last ? ` (${last.trim()})` : ''}` };
}

function aptInstall(packageName: string, sudo: boolean): Attempt {
  const commands = aptCommands(packageName, sudo);
  const command = commands.install.join(' ');
  console.log(`setup: installing Debian's ${packageName}: ${command}`);
  let result = run(commands.install, SETUP_DEADLINES_MS.aptInstall, false);
  if (!result.ok) {
    console.log(`setup: the install failed (${result.outcome}); updating the package lists once and trying again`);
    const update = run(commands.update, SETUP_DEADLINES_MS.aptUpdate, false);
    result = update.ok ? run(commands.install, SETUP_DEADLINES_MS.aptInstall, false) : { ok: false, outcome: `${commands.update.join(' ')}: ${update.outcome}` };
  }
  return { way: 'apt', packageName, command, ...result };
}

async function main(): Promise<number> {
  let facts: MachineFacts = { platform: process.platform, apt: aptAccess(), download: { state: 'not-probed' }, tried: [], ...browsersNow() };
  // Each way is tried at most once, so a handful of steps ends every machine's setup.
  for (let steps = 0; ; steps++) {
    if (steps === 6) throw new Error(`no decision after ${steps} steps (a bug in src/setup/browser-setup.ts); tried: ${JSON.stringify(facts.tried)}`);
    const step = nextBrowserStep(facts);
    if (step.kind === 'done') {
      console.log(`setup: ${step.message}`);
      break;
    }
    if (step.kind === 'fail') {
      console.error(`setup: ${step.message}`);
      return 1;
    }
    if (step.kind === 'probe-download') {
      const download = await probeDownload(process.env, SETUP_DEADLINES_MS.probe);
      console.log(
        download.state === 'reachable'
          ? `setup: Playwright's download (${download.host}) answers`
          : `setup: Playwright's download (${download.host}) is out of reach: ${download.reason}`,
      );
      facts = { ...facts, download };
      continue;
    }
    let attempt: Attempt;
    if (step.kind === 'apt-install') {
      attempt = aptInstall(step.packageName, step.sudo);
    } else {
      const command = PLAYWRIGHT_INSTALL.join(' ');
      console.log(`setup: installing Playwright's own Chromium: ${command}`);
      attempt = { way: 'playwright', command, ...run(PLAYWRIGHT_INSTALL, SETUP_DEADLINES_MS.playwrightInstall, true) };
    }
    facts = { ...facts, ...browsersNow() };
    const found = attempt.way === 'apt' ? facts.systemChromium : facts.playwrightChromium;
    if (attempt.ok && !found) {
      const where = attempt.way === 'apt' ? chromiumPaths.join(', ') : facts.playwrightChromiumPath ?? "Playwright's browser folder";
      attempt = { ...attempt, ok: false, outcome: `finished, but no Chromium appeared at ${where}` };
    }
    facts = { ...facts, tried: [...facts.tried, attempt] };
  }
  const shell = headlessShellStep(facts);
  if (shell.kind === 'apt-install') {
    const attempt = aptInstall(shell.packageName, shell.sudo);
    facts = { ...facts, ...browsersNow(), tried: [...facts.tried, attempt] };
    if (attempt.ok && facts.systemHeadlessShell) console.log(`setup: installed Debian's ${shell.packageName}`);
  }
  const after = headlessShellStep(facts);
  if (after.kind === 'note') console.log(`setup: ${after.message}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`setup: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
