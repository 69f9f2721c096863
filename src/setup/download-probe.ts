import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ProbedDownload } from './browser-setup';

/**
 * Whether `npx playwright install chromium` could reach its download, asked once with a short
 * deadline before setup starts a download that would otherwise hang or fail minutes later.
 *
 * The host is the one Playwright itself would use (playwright-core's registry, 1.65):
 * PLAYWRIGHT_CHROMIUM_DOWNLOAD_HOST, else PLAYWRIGHT_DOWNLOAD_HOST (each also read as npm
 * config, as Playwright's getFromENV reads them), else its Chromium builds' CDN. Behind a proxy
 * Playwright downloads through it, chosen as its bundled proxy-from-env chooses (`https_proxy`,
 * else `all_proxy`; NO_PROXY), so the probe goes through the same proxy.
 */
export const PLAYWRIGHT_CHROMIUM_CDN = 'https://cdn.playwright.dev';

/** A Playwright setting: the variable, else its npm config forms. */
const setting = (env: NodeJS.ProcessEnv, name: string) => env[name] ?? env[`npm_config_${name.toLowerCase()}`] ?? env[`npm_package_config_${name.toLowerCase()}`];

export function downloadHost(env: NodeJS.ProcessEnv): string {
  return setting(env, 'PLAYWRIGHT_CHROMIUM_DOWNLOAD_HOST') || setting(env, 'PLAYWRIGHT_DOWNLOAD_HOST') || PLAYWRIGHT_CHROMIUM_CDN;
}

/** proxy-from-env reads the lower-case name first, then the upper-case one. */
const read = (env: NodeJS.ProcessEnv, name: string) => env[name.toLowerCase()] || env[name.toUpperCase()] || '';

const defaultPort = (protocol: string) => (protocol === 'https:' ? '443' : '80');

/** The proxy a download of `target` goes through, as proxy-from-env decides it; undefined for a direct connection. */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): URL | undefined {
  const scheme = target.protocol.replace(':', '');
  const noProxy = read(env, 'no_proxy').toLowerCase();
  if (noProxy && bypassesProxy(target, noProxy)) return undefined;
  const proxy = read(env, `${scheme}_proxy`) || read(env, 'all_proxy');
  if (!proxy) return undefined;
  return new URL(proxy.includes('://') ? proxy : `${scheme}://${proxy}`);
}

/** NO_PROXY as proxy-from-env reads it: `*`; `host[:port]` exact; `.suffix` or `*suffix` by ending. */
function bypassesProxy(target: URL, noProxy: string): boolean {
  if (noProxy === '*') return true;
  const host = target.hostname.toLowerCase();
  const port = target.port || defaultPort(target.protocol);
  return noProxy
    .split(/[,\s]/)
    .filter(Boolean)
    .some((entry) => {
      const withPort = /^(.+):(\d+)$/.exec(entry);
      const name = withPort?.[1] ?? entry;
      if (withPort && withPort[2] !== port) return false;
      if (!/^[.*]/.test(name)) return host === name;
      return host.endsWith(name.replace(/^\*/, ''));
    });
}

/**
 * Asks the host for anything: any HTTP answer, even a 404, means the download's server is
 * there; a refused connection, a failed name lookup or TLS, or silence past the deadline means
 * it is not. Through a proxy, a tunnel the proxy opens (CONNECT 2xx) for https, or an answer
 * that is not the proxy's own 502/503/504 for http.
 */
export async function probeDownload(env: NodeJS.ProcessEnv, deadlineMs: number): Promise<ProbedDownload> {
  const host = downloadHost(env);
  let target: URL;
  try {
    target = new URL(host);
  } catch {
    return { state: 'unreachable', host, reason: 'not a URL (PLAYWRIGHT_DOWNLOAD_HOST must look like https://mirror.example.com/playwright)' };
  }
  const proxy = proxyFor(target, env);
  const via = proxy ? ` through the proxy ${proxy.host}` : '';
  return new Promise<ProbedDownload>((resolve) => {
    let request: ClientRequest;
    const settle = (fact: ProbedDownload) => {
      clearTimeout(timer);
      request.destroy();
      resolve(fact);
    };
    const timer = setTimeout(() => settle({ state: 'unreachable', host, reason: `no answer within ${deadlineMs / 1000} s${via}` }), deadlineMs);
    const answered = (status: number | undefined, proxyAnswer: boolean) => {
      const code = status ?? 0;
      const tunnelled = target.protocol === 'https:' ? code >= 200 && code < 300 : ![502, 503, 504].includes(code);
      settle(proxyAnswer && !tunnelled ? { state: 'unreachable', host, reason: `the proxy ${proxy?.host} answered ${code}` } : { state: 'reachable', host });
    };
    const failed = (error: NodeJS.ErrnoException) => settle({ state: 'unreachable', host, reason: `${error.code ?? error.message}${via}` });
    if (proxy && target.protocol === 'https:') {
      const send = proxy.protocol === 'https:' ? httpsRequest : httpRequest;
      const authority = `${target.hostname}:${target.port || defaultPort(target.protocol)}`;
      request = send({ host: proxy.hostname, port: proxy.port || defaultPort(proxy.protocol), method: 'CONNECT', path: authority, headers: { host: authority } });
      request.on('connect', (res, tunnel) => {
        // Only the answer matters: the tunnel is closed at once, not left to the request's teardown.
        tunnel.destroy();
        answered(res.statusCode, true);
      });
      // A proxy that answers CONNECT with a plain response (403, 407) arrives here.
      request.on('response', (res) => answered(res.statusCode, true));
    } else if (proxy) {
      request = httpRequest({ host: proxy.hostname, port: proxy.port || defaultPort(proxy.protocol), method: 'HEAD', path: target.href, headers: { host: target.host } });
      request.on('response', (res) => answered(res.statusCode, true));
    } else {
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      request = send(target, { method: 'HEAD' });
      request.on('response', (res) => answered(res.statusCode, false));
    }
    request.on('error', failed);
    request.end();
  });
}
