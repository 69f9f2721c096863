import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './respond';

const ALLOWED_HEADERS = 'Authorization, Content-Type, X-E2E-Bypass-Key';
const ALLOWED_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';

/**
 * The origins whose pages may call the auth service and the backend with the user's
 * credentials: the platform's own frontend (contract section 5: its calls must not be refused)
 * and whatever the configuration adds. Read on every request, because the frontend's port is
 * known only once it listens, after auth and the backend.
 */
export class OriginPolicy {
  constructor(private readonly origins: () => readonly string[]) {}

  allows(origin: string): boolean {
    return this.origins().includes(origin.toLowerCase());
  }
}

/** The frontend's origin under both loopback names, since a page may be opened as either. */
export function frontendOrigins(frontendUrl: string | undefined): string[] {
  if (!frontendUrl) return [];
  const url = new URL(frontendUrl);
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (!loopback) return [url.origin];
  return ['localhost', '127.0.0.1'].map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
}

/**
 * `PLATFORM_ALLOWED_ORIGINS`: comma-separated origins (`scheme://host[:port]`, nothing after).
 * A wildcard or a URL with a path would grant more than meant, so it stops the start.
 */
export function parseOriginList(raw: string | undefined, name: string): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== entry.toLowerCase().replace(/\/$/, '')) {
      throw new Error(`${name}: "${entry}" is not an origin (scheme://host[:port], http or https, no path)`);
    }
    return url.origin;
  });
}

/** The request's `Origin`, or undefined for a client that is not a browser page. */
function originOf(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  return origin === undefined || origin === '' ? undefined : origin;
}

/**
 * CORS by allow-list. An allowed origin is echoed with credentials; any other one (`null`
 * included) gets no grant, its preflight is refused, and so is any request of it that could
 * change something: a page elsewhere may not sign a user in or write with the user's token.
 * A request without `Origin` is not a page's and goes on. Returns true when answered.
 */
export function handleCors(req: IncomingMessage, res: ServerResponse, policy: OriginPolicy): boolean {
  const origin = originOf(req);
  const preflight = req.method === 'OPTIONS';
  if (origin !== undefined) {
    res.setHeader('Vary', 'Origin');
    if (!policy.allows(origin)) {
      if (!preflight && (req.method === 'GET' || req.method === 'HEAD')) return false;
      sendJson(res, 403, { detail: 'Origin not allowed' });
      return true;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  if (!preflight) return false;
  res.writeHead(204, {
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  });
  res.end();
  return true;
}

/** The socket's upgrade has no CORS: a foreign page's `Origin` is refused there (403) instead. */
export function originRefused(req: IncomingMessage, policy: OriginPolicy): boolean {
  const origin = originOf(req);
  return origin !== undefined && !policy.allows(origin);
}
