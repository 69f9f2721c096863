import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * `bash scripts/setup.sh` itself, as each kind of machine would run it, with stand-ins for
 * npm, npx, apt-get and sudo on PATH (stand-in.mjs: every call logged, nothing installed or
 * downloaded) and the system's own browsers hidden (`--system-chromium` pointed at an empty
 * folder, PLAYWRIGHT_BROWSERS_PATH at another). Playwright's download is a loopback server, or a
 * closed loopback port: no test here ever reaches outside the machine.
 */
const root = path.resolve(__dirname, '../..');
const bash = execFileSync('sh', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim();
const asRoot = process.getuid?.() === 0;

interface Machine {
  /** apt-get on PATH (with sudo beside it when not root). */
  apt?: boolean;
  aptWorks?: boolean;
  /** Playwright's download answers (a loopback server), or its port is closed. */
  downloadAnswers?: boolean;
  npxExit?: number;
  /** The real machine's browsers stay visible (this machine as it is). */
  ownBrowsers?: boolean;
}

let server: Server;
let downloadUrl = '';
let closedUrl = '';

test.beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(404).end());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  downloadUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was just free and is closed again: a refused connection, at once.
  const spare = createServer();
  spare.listen(0, '127.0.0.1');
  await once(spare, 'listening');
  closedUrl = `http://127.0.0.1:${(spare.address() as AddressInfo).port}`;
  spare.close();
  await once(spare, 'close');
});

test.afterAll(async () => {
  server.close();
  await once(server, 'close');
});

async function setupOn(machine: Machine) {
  const dir = mkdtempSync(path.join(tmpdir(), 'setup-machine-'));
  const bin = path.join(dir, 'bin');
  const system = path.join(dir, 'system');
  const browsers = path.join(dir, 'ms-playwright');
  mkdirSync(bin);
  mkdirSync(system);
  const tools = ['npm', 'npx', ...(machine.apt ? ['apt-get', ...(asRoot ? [] : ['sudo'])] : [])];
  for (const tool of tools) copyFileSync(path.join(__dirname, 'stand-in.mjs'), path.join(bin, tool));
  execFileSync('chmod', ['+x', ...tools.map((t) => path.join(bin, t))]);
  // What setup.sh, tsx and `env DEBIAN_FRONTEND=… apt-get` need of the real machine, and nothing else.
  symlinkSync(process.execPath, path.join(bin, 'node'));
  for (const real of ['dirname', 'env']) symlinkSync(execFileSync('sh', ['-c', `command -v ${real}`], { encoding: 'utf8' }).trim(), path.join(bin, real));
  const log = path.join(dir, 'calls.log');
  writeFileSync(log, '');

  const env: NodeJS.ProcessEnv = { ...process.env, PATH: machine.ownBrowsers ? `${bin}${path.delimiter}${process.env.PATH}` : bin, STAND_IN_LOG: log };
  for (const name of ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_DOWNLOAD_HOST', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy']) delete env[name];
  env.PLAYWRIGHT_DOWNLOAD_HOST = machine.downloadAnswers ? downloadUrl : closedUrl;
  const args: string[] = [];
  if (!machine.ownBrowsers) {
    env.PLAYWRIGHT_BROWSERS_PATH = browsers;
    args.push('--system-chromium', path.join(system, 'chromium'), '--system-headless-shell', path.join(system, 'chromium-headless-shell'));
    // Where Playwright would put its Chromium: the stand-in npx leaves a file there.
    env.STAND_IN_NPX_CREATES = execFileSync(process.execPath, ['-e', "process.stdout.write(require('@playwright/test').chromium.executablePath())"], { cwd: root, env, encoding: 'utf8' });
  }
  if (machine.aptWorks) env.STAND_IN_APT_WORKS = '1';
  env.STAND_IN_APT_DIR = system;
  if (machine.npxExit !== undefined) env.STAND_IN_NPX_EXIT = String(machine.npxExit);

  // Not spawnSync: the stand-in download is served from this process, which must keep answering.
  const child = spawn(bash, [path.join(root, 'scripts/setup.sh'), ...args], { cwd: root, env, timeout: 60_000 });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  const calls = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as string[]).join(' '));
  return { code, out, err, calls, system, playwrightChromium: env.STAND_IN_NPX_CREATES ?? '' };
}

const npmCi = 'npm ci --no-audit --no-fund';
const apt = (pkg: string) => [...(asRoot ? [] : [`sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`]), `apt-get install -y -qq ${pkg}`];
const aptUpdate = [...(asRoot ? [] : ['sudo apt-get update -qq']), 'apt-get update -qq'];

test('this machine as it is: its Chromium is found, nothing is installed or downloaded', async () => {
  const run = await setupOn({ apt: true, ownBrowsers: true });
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  expect(run.out).toContain('setup: a Chromium is available');
  expect(run.calls).toEqual([npmCi]);
});

test("Debian without a browser: Debian's chromium, then its headless shell; no download", async () => {
  const run = await setupOn({ apt: true, aptWorks: true, downloadAnswers: true });
  expect(run.code, run.err).toBe(0);
  expect(run.calls).toEqual([npmCi, ...apt('chromium'), ...apt('chromium-headless-shell')]);
  expect(run.out).toContain(`setup: a Chromium is available: system Chromium (${path.join(run.system, 'chromium')})`);
  expect(run.out).toContain("setup: installed Debian's chromium-headless-shell");
});

test('offline Debian whose apt-get cannot install: the install, one update of the lists, then a message and exit 1; never a download', async () => {
  const run = await setupOn({ apt: true, aptWorks: false, downloadAnswers: false });
  expect(run.code).toBe(1);
  expect(run.calls).toEqual([npmCi, ...apt('chromium'), ...aptUpdate]);
  expect(run.err).toContain('setup: no Chromium for the golden path, and setup could not install one.');
  expect(run.err).toContain('apt-get update -qq: exit 100 (E: Failed to fetch the package lists)');
  expect(run.err).toContain('did not answer: ECONNREFUSED');
  expect(run.err).toContain('what to do:');
});

test("a machine without apt-get (macOS, another Linux): Playwright's own Chromium when its download answers", async () => {
  const run = await setupOn({ apt: false, downloadAnswers: true });
  expect(run.code, run.err).toBe(0);
  expect(run.calls).toEqual([npmCi, 'npx playwright install chromium']);
  expect(existsSync(run.playwrightChromium)).toBe(true);
  expect(run.out).toContain(`setup: Playwright's download (${downloadUrl}) answers`);
  expect(run.out).toContain("setup: a Chromium is available: Playwright's own Chromium");
});

test('a machine without apt-get and without the download: no install tried, a message naming what was tried, exit 1', async () => {
  const run = await setupOn({ apt: false, downloadAnswers: false });
  expect(run.code).toBe(1);
  expect(run.calls).toEqual([npmCi]);
  expect(run.err).toContain("Debian's apt-get is not on this machine");
  expect(run.err).toContain(`the Playwright download (${closedUrl}) did not answer: ECONNREFUSED`);
});

test("a download that fails midway ends in a message with the install's own exit, exit 1", async () => {
  const run = await setupOn({ apt: false, downloadAnswers: true, npxExit: 1 });
  expect(run.code).toBe(1);
  expect(run.calls).toEqual([npmCi, 'npx playwright install chromium']);
  expect(run.err).toContain('npx playwright install chromium: exit 1');
});
