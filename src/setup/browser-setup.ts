/**
 * How `npm run setup` gets the golden path a Chromium, as a decision over facts: what the
 * machine has (a browser, Debian's apt-get and the right to use it, a reachable Playwright
 * download) and what setup already tried, in; the next step, out. No I/O here: the probing and
 * the commands are scripts/setup-browser.ts, which asks for a step, carries it out, records
 * what happened and asks again.
 *
 * The order is the run's own (runner/resolve-browser.ts): CHROMIUM_PATH as given, Playwright's
 * own Chromium, a system Chromium. Without one, Debian's `chromium` package first: an offline
 * Debian machine (CI, this project's own) reaches Debian's mirror and never a browser download.
 * Only where apt-get is missing, or cannot be used, or failed, is the Playwright download
 * probed, and only a reachable one is used.
 */

export type AptAccess =
  /** apt-get on PATH and setup runs as root. */
  | 'root'
  /** apt-get and sudo on PATH (sudo may ask for a password: a person is at the keyboard). */
  | 'sudo'
  /** apt-get on PATH, but neither root nor sudo. */
  | 'no-privilege'
  /** no apt-get: macOS, or Linux with another package manager. */
  | 'absent';

export type ProbedDownload = { state: 'reachable'; host: string } | { state: 'unreachable'; host: string; reason: string };

export type DownloadFact = { state: 'not-probed' } | ProbedDownload;

export interface Attempt {
  way: 'apt' | 'playwright';
  /** The Debian package an apt attempt installs. */
  packageName?: string;
  /** The command as a person would type it. */
  command: string;
  ok: boolean;
  /** How it ended, for the final message: "exit 100", "stopped after 10 min", "installed, but …". */
  outcome: string;
}

export interface MachineFacts {
  /** `process.platform`: what to advise when nothing worked. */
  platform: string;
  /** CHROMIUM_PATH when set, and whether it names an executable file. */
  chromiumPath?: { path: string; executable: boolean };
  /** Playwright's own Chromium of the installed Playwright version is on disk. */
  playwrightChromium: boolean;
  /** Where Playwright's Chromium would be, for the final message. */
  playwrightChromiumPath?: string;
  /** The first system Chromium found where the run looks, if any. */
  systemChromium?: string;
  /** Where a system Chromium was looked for. */
  systemChromiumPaths: readonly string[];
  /** The system's headless shell (Debian's chromium-headless-shell), if any. */
  systemHeadlessShell?: string;
  apt: AptAccess;
  download: DownloadFact;
  /** Every install setup tried, in order. */
  tried: readonly Attempt[];
}

export type BrowserStep =
  | { kind: 'done'; message: string }
  | { kind: 'apt-install'; packageName: string; sudo: boolean }
  | { kind: 'probe-download' }
  | { kind: 'playwright-install' }
  | { kind: 'fail'; message: string };

export type HeadlessShellStep = { kind: 'none' } | { kind: 'apt-install'; packageName: string; sudo: boolean } | { kind: 'note'; message: string };

/** Every wait of setup has a deadline; these are generous because they are downloads. */
export const SETUP_DEADLINES_MS = {
  probe: 5_000,
  aptUpdate: 5 * 60_000,
  aptInstall: 10 * 60_000,
  playwrightInstall: 15 * 60_000,
} as const;

export const PLAYWRIGHT_INSTALL = ['npx', 'playwright', 'install', 'chromium'] as const;

/** The commands of one apt step: the install, and, if it fails, one update of the lists and the install again (a fresh machine's lists may be missing or stale). */
export function aptCommands(packageName: string, sudo: boolean): { install: string[]; update: string[] } {
  const prefix = sudo ? ['sudo'] : [];
  return {
    install: [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', packageName],
    update: [...prefix, 'apt-get', 'update', '-qq'],
  };
}

const triedWay = (facts: MachineFacts, way: Attempt['way'], packageName?: string) =>
  facts.tried.some((a) => a.way === way && (packageName === undefined || a.packageName === packageName));

/** The next step towards a Chromium the run will find. */
export function nextBrowserStep(facts: MachineFacts): BrowserStep {
  if (facts.chromiumPath) {
    return facts.chromiumPath.executable
      ? { kind: 'done', message: `a Chromium is available: CHROMIUM_PATH=${facts.chromiumPath.path}, used as given` }
      : {
          kind: 'fail',
          message:
            `CHROMIUM_PATH=${facts.chromiumPath.path} is not an executable file, and the run would stop on it. ` +
            'Point CHROMIUM_PATH at a Chromium or Chrome executable, or unset it to let setup find or install one.',
        };
  }
  if (facts.playwrightChromium) return { kind: 'done', message: "a Chromium is available: Playwright's own Chromium" };
  if (facts.systemChromium) return { kind: 'done', message: `a Chromium is available: system Chromium (${facts.systemChromium})` };
  if ((facts.apt === 'root' || facts.apt === 'sudo') && !triedWay(facts, 'apt', 'chromium')) {
    return { kind: 'apt-install', packageName: 'chromium', sudo: facts.apt === 'sudo' };
  }
  if (facts.download.state === 'not-probed') return { kind: 'probe-download' };
  if (facts.download.state === 'reachable' && !triedWay(facts, 'playwright')) return { kind: 'playwright-install' };
  return { kind: 'fail', message: nothingWorked(facts) };
}

/**
 * With a system Chromium, headless tests launch its headless shell when there is one, as
 * Playwright launches its own for headless tests; without it they run on the full browser, only
 * slower. Nothing to add for CHROMIUM_PATH (kept as given) or Playwright's own (it has its shell).
 */
export function headlessShellStep(facts: MachineFacts): HeadlessShellStep {
  if (facts.chromiumPath || facts.playwrightChromium || !facts.systemChromium || facts.systemHeadlessShell) return { kind: 'none' };
  if ((facts.apt === 'root' || facts.apt === 'sudo') && !triedWay(facts, 'apt', 'chromium-headless-shell')) return { kind: 'apt-install', packageName: 'chromium-headless-shell', sudo: facts.apt === 'sudo' };
  return { kind: 'note', message: 'chromium-headless-shell not installed; headless tests use the full Chromium' };
}

const APT_STATE: Record<AptAccess, string> = {
  root: 'apt-get is here',
  sudo: 'apt-get is here (through sudo)',
  'no-privilege': 'apt-get is here, but setup runs neither as root nor with sudo on PATH, so it cannot install packages',
  absent: "Debian's apt-get is not on this machine",
};

/** What setup looked for and tried, and what a person can do next. */
function nothingWorked(facts: MachineFacts): string {
  const looked = [
    'CHROMIUM_PATH is not set',
    `Playwright's own Chromium is not installed${facts.playwrightChromiumPath ? ` (${facts.playwrightChromiumPath})` : ''}`,
    `no system Chromium at ${facts.systemChromiumPaths.join(', ')}`,
  ];
  const tried = facts.tried.map((a) => `${a.command}: ${a.outcome}`);
  const apt = triedWay(facts, 'apt') ? [] : [APT_STATE[facts.apt]];
  const download =
    facts.download.state === 'unreachable'
      ? [`the Playwright download (${facts.download.host}) did not answer: ${facts.download.reason}`]
      : [];
  const todo = [
    facts.platform === 'darwin'
      ? 'install Chrome or Chromium and set CHROMIUM_PATH to its executable (e.g. "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")'
      : "install your system's chromium package and, unless it lands in /usr/bin/chromium, set CHROMIUM_PATH to it",
    'or, where the download is reachable, run `npx playwright install chromium` (behind a mirror: set PLAYWRIGHT_DOWNLOAD_HOST; behind a proxy: HTTPS_PROXY)',
    'then run `npm run setup` again',
  ];
  return [
    'no Chromium for the golden path, and setup could not install one.',
    `  looked for: ${looked.join('; ')}`,
    `  tried: ${[...apt, ...tried, ...download].join('; ') || 'nothing'}`,
    `  what to do: ${todo.join('; ')}.`,
  ].join('\n');
}
