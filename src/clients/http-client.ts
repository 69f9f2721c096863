import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/**
 * HTTP for the golden path: one request, a deadline, and the response as evidence (status,
 * the server's `Date` header, timing). Network failures come back as a typed reason so that
 * each stage can name its own contract class.
 */
export interface HttpExchange {
  method: string;
  url: string;
  status: number;
  date: string | undefined;
  durationMs: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it was not JSON. */
  json: unknown;
}

export type NetworkReason = 'refused' | 'dns' | 'timeout' | 'network';

export class NetworkFailure extends Error {
  constructor(
    readonly reason: NetworkReason,
    readonly url: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'NetworkFailure';
  }
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

export async function httpExchange(url: string, options: RequestOptions): Promise<HttpExchange> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  // Lower-case names, so that a caller's header replaces a default instead of going beside it.
  const given = Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]);
  const headers: Record<string, string> = { accept: 'application/json', ...Object.fromEntries(given) };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const started = performance.now();
  let answer: Answer;
  try {
    answer = await exchange(url, method, headers, body, options.timeoutMs);
  } catch (error) {
    throw toNetworkFailure(url, error, options.timeoutMs);
  }
  const durationMs = performance.now() - started;
  const { status, headers: received, text } = answer;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { method, url, status, date: received['date'], durationMs, headers: received, text, json };
}

interface Answer {
  status: number;
  /** Lower-case names; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  text: string;
}

class DeadlinePassed extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * Idle connections are kept for the next request, and closed after 4 s idle (what fetch's
 * undici did): well before the usual server keep-alive (5 s or more), so that a request never
 * goes out on a connection the server is closing.
 */
const IDLE_MS = 4_000;
const agents = { 'http:': new http.Agent({ keepAlive: true, timeout: IDLE_MS }), 'https:': new https.Agent({ keepAlive: true, timeout: IDLE_MS }) };

/**
 * node:http rather than fetch: a golden run makes a few hundred requests from three workers on
 * shared cores, and fetch (undici) costs about 0.1 s of CPU to load in each worker and 3 ms per
 * request against 0.9 ms (measured on this machine). On the wire it is what fetch sent, less
 * fetch's browser headers: redirects are not followed (fetch's `redirect: 'manual'`), a gzip
 * or deflate body is decoded, and the deadline covers the whole exchange, body included.
 */
function exchange(url: string, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<Answer> {
  const target = new URL(url);
  const protocol = target.protocol === 'https:' ? 'https:' : 'http:';
  const sent: Record<string, string> = { 'user-agent': 'node', 'accept-encoding': 'gzip, deflate', ...headers };
  if (body !== undefined) sent['content-length'] = String(Buffer.byteLength(body));
  const client = protocol === 'https:' ? https : http;
  const deadlineAt = performance.now() + timeoutMs;
  const idempotent = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(method.toUpperCase());

  const attempt = (agent: http.Agent | false): Promise<Answer> =>
    new Promise((resolve, reject) => {
      let answered = false;
      const request = client.request(target, { method, headers: sent, agent }, (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          clearTimeout(deadline);
          try {
            const text = decoded(Buffer.concat(chunks), response.headers['content-encoding']).toString('utf8');
            resolve({ status: response.statusCode ?? 0, headers: flatten(response.headers), text });
          } catch (error) {
            reject(error as Error);
          }
        });
      });
      const deadline = setTimeout(() => request.destroy(new DeadlinePassed()), Math.max(0, deadlineAt - performance.now()));
      function fail(error: Error) {
        clearTimeout(deadline);
        // A kept-alive connection the server closed as this request went out: an idempotent
        // request goes again once, on a new connection (RFC 9112 9.3.1; Node's documented remedy).
        // A POST never does: it may have been applied.
        const stale = agent !== false && idempotent && request.reusedSocket && !answered && ['ECONNRESET', 'EPIPE'].includes((error as NodeJS.ErrnoException).code ?? '');
        if (stale) attempt(false).then(resolve, reject);
        else reject(error);
      }
      request.on('error', fail);
      request.end(body);
    });

  return attempt(agents[protocol]);
}

function decoded(bytes: Buffer, encoding: string | undefined): Buffer {
  const coding = encoding?.trim().toLowerCase();
  if (!bytes.length || !coding || coding === 'identity') return bytes;
  if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(bytes);
  // Servers send deflate zlib-wrapped (as the RFC says) or raw.
  if (coding === 'deflate') return bytes[0] === 0x78 ? inflateSync(bytes) : inflateRawSync(bytes);
  throw new Error(`the answer is encoded as ${coding}, which was not asked for`);
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

/** Exported for its test: what went wrong on the way, as a reason each stage names its class by. */
export function toNetworkFailure(url: string, error: unknown, timeoutMs: number): NetworkFailure {
  const err = error as Error & { code?: string };
  if (err.name === 'TimeoutError') return new NetworkFailure('timeout', url, `no answer from ${url} within ${timeoutMs} ms`);
  const code = err.code;
  if (code === 'ECONNREFUSED') return new NetworkFailure('refused', url, `connection to ${url} refused (ECONNREFUSED)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new NetworkFailure('dns', url, `${hostOf(url)} does not resolve (${code})`);
  return new NetworkFailure('network', url, `request to ${url} failed: ${code ?? err.message}`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** One excerpt rule for failure messages, the contract checks' and the clients' alike. */
export { excerpt } from '../contract/excerpt';
