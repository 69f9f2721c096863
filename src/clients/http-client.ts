import { performance } from 'node:perf_hooks';

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
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const started = performance.now();
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    text = await response.text();
  } catch (error) {
    throw toNetworkFailure(url, error, options.timeoutMs);
  }
  const durationMs = performance.now() - started;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    method,
    url,
    status: response.status,
    date: response.headers.get('date') ?? undefined,
    durationMs,
    headers: Object.fromEntries(response.headers),
    text,
    json,
  };
}

function toNetworkFailure(url: string, error: unknown, timeoutMs: number): NetworkFailure {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new NetworkFailure('timeout', url, `no answer from ${url} within ${timeoutMs} ms`);
  }
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED') return new NetworkFailure('refused', url, `connection to ${url} refused (ECONNREFUSED)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new NetworkFailure('dns', url, `${new URL(url).host} does not resolve (${code})`);
  return new NetworkFailure('network', url, `request to ${url} failed: ${code ?? err.cause?.message ?? err.message}`);
}

/** One excerpt rule for failure messages, the contract checks' and the clients' alike. */
export { excerpt } from '../contract/excerpt';
