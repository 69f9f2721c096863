import { expect, test } from '@playwright/test';
import { aptCommands, headlessShellStep, nextBrowserStep, type Attempt, type MachineFacts } from './browser-setup';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The message of a step that must be a failure. */
function failure(step: ReturnType<typeof nextBrowserStep>): string {
  if (step.kind !== 'fail') throw new Error(`expected setup to give up, got ${JSON.stringify(step)}`);
  return step.message;
}

/** A machine with nothing on it yet; each case says what it has. */
function machine(facts: Partial<MachineFacts>): MachineFacts {
  return { platform: 'linux', playwrightChromium: false, systemChromiumPaths: SYSTEM_PATHS, apt: 'absent', download: { state: 'not-probed' }, tried: [], ...facts };
}

/** What the machine does when setup acts on it: which installs work and what the download probe would answer. */
interface Behaviour {
  aptWorks?: boolean;
  downloadReachable?: boolean;
  playwrightInstallWorks?: boolean;
}

/** Setup's walk on one machine, step by step, with nothing run: the steps it takes, in order. */
function walk(start: MachineFacts, behaves: Behaviour): string[] {
  let facts = start;
  const steps: string[] = [];
  for (let i = 0; i < 10; i++) {
    const step = nextBrowserStep(facts);
    if (step.kind === 'done' || step.kind === 'fail') {
      steps.push(step.kind);
      const shell = headlessShellStep(facts);
      if (step.kind === 'done' && shell.kind !== 'none') steps.push(`headless shell: ${shell.kind}`);
      return steps;
    }
    if (step.kind === 'probe-download') {
      steps.push('probe');
      facts = { ...facts, download: behaves.downloadReachable ? { state: 'reachable', host: 'https://cdn.playwright.dev' } : { state: 'unreachable', host: 'https://cdn.playwright.dev', reason: 'ENOTFOUND' } };
    } else if (step.kind === 'apt-install') {
      steps.push(`apt ${step.sudo ? 'with sudo ' : ''}${step.packageName}`);
      const attempt: Attempt = { way: 'apt', packageName: step.packageName, command: aptCommands(step.packageName, step.sudo).install.join(' '), ok: !!behaves.aptWorks, outcome: behaves.aptWorks ? 'ok' : 'exit 100' };
      facts = { ...facts, tried: [...facts.tried, attempt], systemChromium: behaves.aptWorks ? '/usr/bin/chromium' : undefined };
    } else {
      steps.push('npx playwright install chromium');
      const attempt: Attempt = { way: 'playwright', command: 'npx playwright install chromium', ok: !!behaves.playwrightInstallWorks, outcome: behaves.playwrightInstallWorks ? 'ok' : 'exit 1' };
      facts = { ...facts, tried: [...facts.tried, attempt], playwrightChromium: !!behaves.playwrightInstallWorks };
    }
  }
  throw new Error(`no decision after 10 steps: ${steps.join(', ')}`);
}

test('which way each kind of machine takes', () => {
  const cases: [string, MachineFacts, Behaviour, string[]][] = [
    ['offline Debian with its Chromium and headless shell (this project, CI)', machine({ apt: 'root', systemChromium: '/usr/bin/chromium', systemHeadlessShell: '/usr/bin/chromium-headless-shell' }), {}, ['done']],
    ['offline Debian with a Chromium but no headless shell', machine({ apt: 'root', systemChromium: '/usr/bin/chromium' }), {}, ['done', 'headless shell: apt-install']],
    ['a clean Debian container, root, reaching Debian’s mirror', machine({ apt: 'root' }), { aptWorks: true }, ['apt chromium', 'done', 'headless shell: apt-install']],
    ['a Debian or Ubuntu laptop, a user with sudo', machine({ apt: 'sudo' }), { aptWorks: true }, ['apt with sudo chromium', 'done', 'headless shell: apt-install']],
    ['offline Debian whose apt-get cannot install, no download either', machine({ apt: 'root' }), { aptWorks: false, downloadReachable: false }, ['apt chromium', 'probe', 'fail']],
    ['Debian whose apt-get failed, with the download reachable', machine({ apt: 'root' }), { aptWorks: false, downloadReachable: true, playwrightInstallWorks: true }, ['apt chromium', 'probe', 'npx playwright install chromium', 'done']],
    ['macOS, online', machine({ platform: 'darwin' }), { downloadReachable: true, playwrightInstallWorks: true }, ['probe', 'npx playwright install chromium', 'done']],
    ['macOS, offline', machine({ platform: 'darwin' }), { downloadReachable: false }, ['probe', 'fail']],
    ['Fedora (no apt-get), online, the download fails midway', machine({}), { downloadReachable: true, playwrightInstallWorks: false }, ['probe', 'npx playwright install chromium', 'fail']],
    ['apt-get without root or sudo, online', machine({ apt: 'no-privilege' }), { downloadReachable: true, playwrightInstallWorks: true }, ['probe', 'npx playwright install chromium', 'done']],
    ["Playwright's own Chromium already installed", machine({ platform: 'darwin', playwrightChromium: true }), {}, ['done']],
    ["Playwright's own beside a system Chromium without shell: Playwright's is used, no shell added", machine({ apt: 'root', playwrightChromium: true, systemChromium: '/usr/bin/chromium' }), {}, ['done']],
    ['CHROMIUM_PATH to a browser', machine({ apt: 'root', chromiumPath: { path: '/opt/chrome/chrome', executable: true } }), {}, ['done']],
    ['CHROMIUM_PATH to nothing: no install can fix it', machine({ apt: 'root', chromiumPath: { path: '/opt/none', executable: false } }), { aptWorks: true }, ['fail']],
  ];
  for (const [name, facts, behaves, expected] of cases) expect(walk(facts, behaves), name).toEqual(expected);
});

test('a machine with apt-get never probes the download before apt has been tried, and never downloads after apt succeeded', () => {
  expect(nextBrowserStep(machine({ apt: 'root' }))).toEqual({ kind: 'apt-install', packageName: 'chromium', sudo: false });
  const installed = machine({ apt: 'root', systemChromium: '/usr/bin/chromium', tried: [{ way: 'apt', packageName: 'chromium', command: 'apt-get install chromium', ok: true, outcome: 'ok' }] });
  expect(nextBrowserStep(installed).kind).toBe('done');
  // The same machine with the download already known to answer still takes Debian's package.
  expect(nextBrowserStep(machine({ apt: 'root', download: { state: 'reachable', host: 'https://cdn.playwright.dev' } })).kind).toBe('apt-install');
});

test('apt runs as root directly, through sudo otherwise, non-interactive, with one update of the lists to retry', () => {
  expect(aptCommands('chromium', false)).toEqual({
    install: ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', 'chromium'],
    update: ['apt-get', 'update', '-qq'],
  });
  expect(aptCommands('chromium-headless-shell', true)).toEqual({
    install: ['sudo', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', 'chromium-headless-shell'],
    update: ['sudo', 'apt-get', 'update', '-qq'],
  });
});

test('the headless shell: added once where apt-get can, else a note; never for CHROMIUM_PATH or Playwright’s own', () => {
  const system = machine({ apt: 'root', systemChromium: '/usr/bin/chromium' });
  expect(headlessShellStep(system)).toEqual({ kind: 'apt-install', packageName: 'chromium-headless-shell', sudo: false });
  const failedOnce = { ...system, tried: [{ way: 'apt', packageName: 'chromium-headless-shell', command: 'apt-get install chromium-headless-shell', ok: false, outcome: 'exit 100' } as Attempt] };
  expect(headlessShellStep(failedOnce)).toEqual({ kind: 'note', message: 'chromium-headless-shell not installed; headless tests use the full Chromium' });
  expect(headlessShellStep({ ...system, apt: 'no-privilege' }).kind).toBe('note');
  expect(headlessShellStep({ ...system, chromiumPath: { path: '/opt/chrome/chrome', executable: true } }).kind).toBe('none');
  expect(headlessShellStep({ ...system, playwrightChromium: true }).kind).toBe('none');
});

test('when nothing worked, the message says what was looked for, what was tried and how it ended, and what to do', () => {
  const message = failure(nextBrowserStep(
    machine({
      apt: 'root',
      playwrightChromiumPath: '/root/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome',
      download: { state: 'unreachable', host: 'https://cdn.playwright.dev', reason: 'ENOTFOUND' },
      tried: [{ way: 'apt', packageName: 'chromium', command: 'env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', ok: false, outcome: 'exit 100 (E: Unable to locate package chromium)' }],
    }),
  ));
  expect(message).toContain("Playwright's own Chromium is not installed (/root/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome)");
  expect(message).toContain('no system Chromium at /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome');
  expect(message).toContain('env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium: exit 100 (E: Unable to locate package chromium)');
  expect(message).toContain('the Playwright download (https://cdn.playwright.dev) did not answer: ENOTFOUND');
  expect(message).toContain("install your system's chromium package");
  expect(message).toContain('then run `npm run setup` again');

  const macMessage = failure(nextBrowserStep(machine({ platform: 'darwin', download: { state: 'unreachable', host: 'https://mirror.example.com', reason: 'no answer within 5 s' } })));
  expect(macMessage).toContain("Debian's apt-get is not on this machine");
  expect(macMessage).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  expect(macMessage).toContain('set PLAYWRIGHT_DOWNLOAD_HOST');

  const noRights = failure(nextBrowserStep(machine({ apt: 'no-privilege', download: { state: 'unreachable', host: 'https://cdn.playwright.dev', reason: 'ECONNREFUSED' } })));
  expect(noRights).toContain('neither as root nor with sudo on PATH');
});
