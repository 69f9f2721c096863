import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

export interface UpgradeRequest {
  wsUrl: string;
  path: string;
  headers: Record<string, string>;
}

/** An HTTP status instead of 101, or 101 and the server's first frame (a welcome or AUTH_FAILED). */
export type UpgradeAnswer = { status: number; firstFrameBytes: number };

const UPGRADE_TIMEOUT_MS = 10_000;

/**
 * One handshake with whatever headers the fuzz suite made up, on its own connection (an upgraded
 * socket is never shared): resolves once the server answered, rejects if it never does.
 */
export function upgrade(u: UpgradeRequest): Promise<UpgradeAnswer> {
  const { hostname, port } = new URL(u.wsUrl);
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => reject(new Error(`upgrade ${u.path.slice(0, 120)}: ${why}`));
    const req = request({
      agent: false,
      host: hostname === 'localhost' ? '127.0.0.1' : hostname,
      port,
      path: u.path,
      headers: {
        ...u.headers,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Version': '13',
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      fail(`no answer within ${UPGRADE_TIMEOUT_MS} ms`);
    }, UPGRADE_TIMEOUT_MS);
    const settle = (answer: UpgradeAnswer): void => {
      clearTimeout(timer);
      resolve(answer);
    };
    req.on('error', (error) => {
      clearTimeout(timer);
      fail(error.message);
    });
    req.on('response', (res) => {
      res.resume();
      settle({ status: res.statusCode ?? 0, firstFrameBytes: 0 });
    });
    req.on('upgrade', (_res, socket, head) => {
      socket.on('error', () => undefined);
      const done = (bytes: number): void => {
        socket.destroy();
        settle({ status: 101, firstFrameBytes: bytes });
      };
      if (head.length > 0) return done(head.length);
      socket.once('data', (chunk: Buffer) => done(chunk.length));
      socket.once('close', () => done(0));
    });
    req.end();
  });
}
