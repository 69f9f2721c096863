import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { httpExchange, NetworkFailure, toNetworkFailure } from './http-client';

/** A loopback server answering with `handle`; what it received is kept. */
async function serve(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const received: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      handle(req, res, body);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const close = async () => {
    for (const s of sockets) s.destroy();
    server.close();
    await once(server, 'close');
  };
  return { server, base, received, sockets, close };
}

test('a JSON answer comes back with its status, Date header, lower-case headers, text and parsed body', async () => {
  const s = await serve((_req, res) => res.writeHead(201, { 'Content-Type': 'application/json', 'X-Trace': 'a' }).end('{"ok":true}'));
  try {
    const r = await httpExchange(`${s.base}/api/threads`, { method: 'POST', body: { title: 'ünïcode' }, headers: { 'User-Agent': 'golden' }, timeoutMs: 2_000 });
    expect(r).toMatchObject({ method: 'POST', status: 201, text: '{"ok":true}', json: { ok: true } });
    expect(r.date).toMatch(/GMT$/);
    expect(r.headers['x-trace']).toBe('a');
    expect(r.durationMs).toBeGreaterThan(0);
    const [sent] = s.received;
    expect(sent?.body).toBe('{"title":"ünïcode"}');
    expect(sent?.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json', 'content-length': String(Buffer.byteLength('{"title":"ünïcode"}')) });
    // The caller's header replaces the default, named in any case.
    expect(sent?.headers['user-agent']).toBe('golden');
  } finally {
    await s.close();
  }
});

test('a body that is not JSON is kept as text; a redirect is answered, not followed; repeated headers are joined', async () => {
  const s = await serve((req, res) => {
    if (req.url === '/moved') return res.writeHead(302, { Location: '/elsewhere', 'Set-Cookie': ['a=1', 'b=2'] }).end();
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>');
  });
  try {
    const page = await httpExchange(`${s.base}/`, { timeoutMs: 2_000 });
    expect(page).toMatchObject({ method: 'GET', status: 200, text: '<html>', json: undefined });
    const moved = await httpExchange(`${s.base}/moved`, { timeoutMs: 2_000 });
    expect(moved.status).toBe(302);
    expect(moved.headers).toMatchObject({ location: '/elsewhere', 'set-cookie': 'a=1, b=2' });
    expect(s.received.map((r) => r.url)).toEqual(['/', '/moved']);
  } finally {
    await s.close();
  }
});

test('a gzip-encoded answer is decoded', async () => {
  const s = await serve((_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' }).end(gzipSync('{"status":"healthy"}')));
  try {
    const r = await httpExchange(`${s.base}/health`, { timeoutMs: 2_000 });
    expect(r.json).toEqual({ status: 'healthy' });
    expect(s.received[0]?.headers['accept-encoding']).toBe('gzip, deflate');
  } finally {
    await s.close();
  }
});

test('no answer, or an answer that stops halfway, is a timeout at the deadline', async () => {
  const s = await serve((req, res) => {
    if (req.url === '/half') res.writeHead(200, { 'Content-Type': 'application/json' }).write('{"sta');
    // otherwise: never answers
  });
  try {
    for (const path of ['/silent', '/half']) {
      const started = performance.now();
      const error = await httpExchange(`${s.base}${path}`, { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(NetworkFailure);
      expect((error as NetworkFailure).reason).toBe('timeout');
      expect((error as NetworkFailure).message).toBe(`no answer from ${s.base}${path} within 300 ms`);
      expect(performance.now() - started, path).toBeLessThan(2_000);
    }
  } finally {
    await s.close();
  }
});

test('a port nobody listens on is refused; a connection the server drops mid-answer is a network failure', async () => {
  const s = await serve((_req, res) => {
    res.writeHead(200, { 'Content-Length': '100' }).write('{');
    res.socket?.destroy();
  });
  const free = await serve(() => undefined);
  const port = new URL(free.base).port;
  await free.close();
  try {
    const refused = await httpExchange(`http://127.0.0.1:${port}/health`, { timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ reason: 'refused', message: `connection to http://127.0.0.1:${port}/health refused (ECONNREFUSED)` });
    const dropped = await httpExchange(`${s.base}/health`, { timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(NetworkFailure);
    expect((dropped as NetworkFailure).reason).toBe('network');
  } finally {
    await s.close();
  }
});

test('a kept-alive connection the server closed is not reused: the next request still gets its answer', async () => {
  const s = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'));
  s.server.keepAliveTimeout = 200;
  try {
    expect((await httpExchange(`${s.base}/a`, { timeoutMs: 2_000 })).status).toBe(200);
    // Still open (closed sockets leave the set): the server closes it after its keep-alive.
    expect(s.sockets.size).toBe(1);
    const [socket] = [...s.sockets];
    await once(socket as Socket, 'close');
    expect((await httpExchange(`${s.base}/b`, { timeoutMs: 2_000 })).status).toBe(200);
  } finally {
    await s.close();
  }
});

test('a kept-alive connection dropped as a request goes out: a GET goes again on a new connection, a POST is not repeated', async () => {
  const onSocket = new WeakMap<Socket, number>();
  const s = await serve((req, res) => {
    const n = (onSocket.get(req.socket) ?? 0) + 1;
    onSocket.set(req.socket, n);
    // The second request on a connection finds it closed, as when the server's keep-alive ran out.
    if (n === 2) return req.socket.destroy();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
  try {
    expect((await httpExchange(`${s.base}/first`, { timeoutMs: 2_000 })).status).toBe(200);
    expect((await httpExchange(`${s.base}/health`, { timeoutMs: 2_000 })).status).toBe(200);
    expect(s.received.map((r) => r.url)).toEqual(['/first', '/health', '/health']);
    expect((await httpExchange(`${s.base}/again`, { timeoutMs: 2_000 })).status).toBe(200);
    const posted = await httpExchange(`${s.base}/api/threads`, { method: 'POST', body: {}, timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(posted).toMatchObject({ reason: 'network' });
    expect(s.received.filter((r) => r.url === '/api/threads')).toHaveLength(1);
  } finally {
    await s.close();
  }
});

test('each way of failing on the network has its reason (no name lookup leaves the machine here)', () => {
  const url = 'http://staging.example.invalid/health';
  const withCode = (code: string) => Object.assign(new Error(`getaddrinfo ${code}`), { code });
  expect(toNetworkFailure(url, withCode('ENOTFOUND'), 1_000)).toMatchObject({ reason: 'dns', message: 'staging.example.invalid does not resolve (ENOTFOUND)' });
  expect(toNetworkFailure(url, withCode('EAI_AGAIN'), 1_000)).toMatchObject({ reason: 'dns' });
  expect(toNetworkFailure(url, withCode('ECONNRESET'), 1_000)).toMatchObject({ reason: 'network', message: `request to ${url} failed: ECONNRESET` });
  expect(toNetworkFailure('not a url', new TypeError('Invalid URL'), 1_000)).toMatchObject({ reason: 'network', message: 'request to not a url failed: Invalid URL' });
});
