import { expect, test } from '@playwright/test';
import { cpuPartOf, sumByPart } from './cpu-parts';

// Command lines as /proc/<pid>/cmdline held them during a golden run on Debian (NUL-separated,
// or one string where the process retitled itself), and Playwright's own browser builds.
const nul = (...args: string[]) => `${args.join('\0')}\0`;

test('each process of a golden run is counted as its part', () => {
  expect(cpuPartOf(nul('node', '/work/main/node_modules/.bin/playwright', 'test', '--project=local'))).toBe('runner');
  expect(cpuPartOf(nul('/usr/bin/node', '/work/main/node_modules/playwright/lib/worker/workerProcessEntry.js'))).toBe('workers');
  expect(cpuPartOf(nul('/usr/bin/node', '--import', 'tsx', 'platform/main.ts'))).toBe('platform');
  // Playwright's webServer runs its command under a shell.
  expect(cpuPartOf(nul('/bin/sh', '-c', 'node --import tsx platform/main.ts'))).toBe('platform');
  expect(cpuPartOf('npm exec playwright test --project=local\0\0\0\0')).toBe('npx');
  expect(cpuPartOf(nul('node', '/usr/bin/npx', 'playwright', 'test'))).toBe('npx');
  // Debian's headless shell is a shell script around the binary; its helpers retitle themselves.
  expect(cpuPartOf(nul('/bin/sh', '-e', '/usr/bin/chromium-headless-shell', '--disable-field-trial-config'))).toBe('browser');
  expect(cpuPartOf(nul('/usr/lib/chromium/chromium-headless-shell', '--disable-field-trial-config', '--headless'))).toBe('browser');
  expect(cpuPartOf('/usr/lib/chromium/chromium-headless-shell --type=renderer --headless=old --no-sandbox\0')).toBe('browser');
  expect(cpuPartOf(nul('/root/.cache/ms-playwright/chromium_headless_shell-1200/chrome-linux/headless_shell', '--headless'))).toBe('browser');
  expect(cpuPartOf(nul('/root/.cache/ms-playwright/chromium-1200/chrome-linux/chrome', '--type=zygote'))).toBe('browser');
});

test('a process that is none of them is other, and a folder named like a browser does not make one', () => {
  expect(cpuPartOf(nul('/work/main/node_modules/@esbuild/linux-x64/bin/esbuild', '--service=0.28.2', '--ping'))).toBe('other');
  expect(cpuPartOf(nul('/usr/lib/chromium/not-a-browser-helper', '--x'))).toBe('other');
  expect(cpuPartOf(nul('/bin/sh', '-c', 'echo'))).toBe('other');
  expect(cpuPartOf('')).toBe('other');
});

test('CPU seconds add up per part', () => {
  expect(sumByPart([
    { part: 'workers', cpuSeconds: 1.25 },
    { part: 'browser', cpuSeconds: 0.5 },
    { part: 'workers', cpuSeconds: 1.5 },
  ])).toEqual({ workers: 2.75, browser: 0.5 });
  expect(sumByPart([])).toEqual({});
});
