import { Agent, request } from 'node:http';

/**
 * Raw HTTP for the fuzz suite: `fetch` normalises paths and refuses odd methods and bodies,
 * which is exactly what must reach the platform here. One keep-alive agent with a few sockets,
 * so that thousands of requests cost thousands of requests, not thousands of connections.
 */

export interface RawRequest {
  /** An `http://host:port` base. */
  base: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface RawAnswer {
  status: number;
  contentType: string | undefined;
  body: string;
}

const REQUEST_TIMEOUT_MS = 10_000;
/**
 * An idle socket is closed by the client after 1 s, well before the server's 5 s keep-alive
 * timeout: without a client timeout Node keeps it forever, and the server's close then races
 * the next request on it (ECONNRESET), a client bug that says nothing about the server.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 8, timeout: 1_000 });

/** Every request settles: an answer, or a rejection naming the request (a reset, a hang, or a request Node refuses to send). */
export function send(r: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(r.base);
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => reject(new Error(`${r.method} ${r.base}${r.path.slice(0, 120)}: ${why}`));
    const req = request({
      agent,
      timeout: REQUEST_TIMEOUT_MS,
      host: hostname === 'localhost' ? '127.0.0.1' : hostname,
      port,
      method: r.method,
      path: r.path,
      headers: r.headers,
    });
    req.on('timeout', () => {
      req.destroy();
      fail(`no answer within ${REQUEST_TIMEOUT_MS} ms`);
    });
    req.on('error', (error) => fail(error.message));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => fail(error.message));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.end(r.body);
  });
}

/** `work` over `items` with at most `concurrency` at once, results in input order. */
export async function pooled<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
