import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import { downloadHost, PLAYWRIGHT_CHROMIUM_CDN, probeDownload, proxyFor } from './download-probe';

/** A loopback server; every socket it accepted is closed with it. */
async function listen(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

test("the host is Playwright's own choice: the Chromium override, then the general one, then its CDN", () => {
  expect(downloadHost({})).toBe(PLAYWRIGHT_CHROMIUM_CDN);
  expect(downloadHost({ PLAYWRIGHT_DOWNLOAD_HOST: 'https://mirror.example.com/pw' })).toBe('https://mirror.example.com/pw');
  expect(downloadHost({ PLAYWRIGHT_DOWNLOAD_HOST: 'https://mirror.example.com/pw', PLAYWRIGHT_CHROMIUM_DOWNLOAD_HOST: 'https://chromium.example.com' })).toBe('https://chromium.example.com');
  // As npm config (`.npmrc`: playwright_download_host=…), the way Playwright reads its settings.
  expect(downloadHost({ npm_config_playwright_download_host: 'https://npmrc-mirror.example.com' })).toBe('https://npmrc-mirror.example.com');
});

test('the proxy is the one a download would use, NO_PROXY included', () => {
  const cdn = new URL('https://cdn.playwright.dev');
  expect(proxyFor(cdn, {})).toBeUndefined();
  expect(proxyFor(cdn, { HTTPS_PROXY: 'http://proxy.corp:3128' })?.href).toBe('http://proxy.corp:3128/');
  expect(proxyFor(cdn, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })?.host).toBe('lower:1');
  // Without a scheme, proxy-from-env puts the target's own in front.
  expect(proxyFor(cdn, { https_proxy: 'proxy.corp:3128' })?.href).toBe('https://proxy.corp:3128/');
  expect(proxyFor(cdn, { HTTP_PROXY: 'http://plain:80' })).toBeUndefined();
  expect(proxyFor(new URL('http://mirror.local/pw'), { HTTP_PROXY: 'http://plain:8080' })?.host).toBe('plain:8080');
  expect(proxyFor(cdn, { ALL_PROXY: 'http://all:9' })?.host).toBe('all:9');
  for (const noProxy of ['*', 'cdn.playwright.dev', '.playwright.dev', '*.playwright.dev', '*playwright.dev', 'example.com, cdn.playwright.dev:443']) {
    expect(proxyFor(cdn, { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: noProxy }), noProxy).toBeUndefined();
  }
  for (const noProxy of ['playwright.dev', 'cdn.playwright.dev:8443', 'example.com']) {
    expect(proxyFor(cdn, { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: noProxy })?.host, noProxy).toBe('proxy.corp:3128');
  }
});

test('any HTTP answer means reachable; a refused port does not', async () => {
  const server = await listen(createServer((_req, res) => res.writeHead(404).end()));
  try {
    expect(await probeDownload({ PLAYWRIGHT_DOWNLOAD_HOST: server.url }, 2_000)).toEqual({ state: 'reachable', host: server.url });
  } finally {
    await server.close();
  }
  const closed = await probeDownload({ PLAYWRIGHT_DOWNLOAD_HOST: server.url }, 2_000);
  expect(closed).toEqual({ state: 'unreachable', host: server.url, reason: 'ECONNREFUSED' });
});

test('a host that accepts and never answers is unreachable at the deadline, not later', async () => {
  const server = await listen(createServer(() => undefined));
  try {
    const started = Date.now();
    const fact = await probeDownload({ PLAYWRIGHT_DOWNLOAD_HOST: server.url }, 300);
    expect(fact).toEqual({ state: 'unreachable', host: server.url, reason: 'no answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(2_000);
  } finally {
    await server.close();
  }
});

test('through a proxy: a tunnel it opens is reachable, a refusal is not', async () => {
  const tunnels: string[] = [];
  let openTunnels = 0;
  const proxy = createServer((_req, res) => res.writeHead(502).end());
  proxy.on('connect', (req, socket: Socket) => {
    tunnels.push(req.url ?? '');
    // A real proxy keeps an opened tunnel until the client closes it.
    if (req.url === 'cdn.playwright.dev:443') {
      openTunnels++;
      socket.on('close', () => openTunnels--);
      // The http server keeps a half-closed socket open; a proxy closes its side when the client does.
      socket.on('end', () => socket.end());
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
    } else socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  const p = await listen(proxy);
  try {
    expect(await probeDownload({ HTTPS_PROXY: p.url }, 2_000)).toEqual({ state: 'reachable', host: PLAYWRIGHT_CHROMIUM_CDN });
    // The probe closes the tunnel it asked for: nothing is left to hold setup's process open.
    await expect.poll(() => openTunnels, { timeout: 2_000 }).toBe(0);
    expect(await probeDownload({ HTTPS_PROXY: p.url, PLAYWRIGHT_DOWNLOAD_HOST: 'https://blocked.example.com' }, 2_000)).toEqual({
      state: 'unreachable',
      host: 'https://blocked.example.com',
      reason: `the proxy ${new URL(p.url).host} answered 403`,
    });
    expect(tunnels).toEqual(['cdn.playwright.dev:443', 'blocked.example.com:443']);
    // A plain-http mirror through the proxy: the proxy's own 502 is no answer from the mirror.
    expect(await probeDownload({ HTTP_PROXY: p.url, PLAYWRIGHT_DOWNLOAD_HOST: 'http://mirror.example.com/pw' }, 2_000)).toMatchObject({ state: 'unreachable' });
  } finally {
    await p.close();
  }
});

test('a download host that is not a URL is named as such', async () => {
  expect(await probeDownload({ PLAYWRIGHT_DOWNLOAD_HOST: 'mirror.example.com' }, 1_000)).toMatchObject({ state: 'unreachable', host: 'mirror.example.com', reason: expect.stringContaining('not a URL') });
});
