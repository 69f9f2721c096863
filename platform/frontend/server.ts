import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Faults } from '../faults';
import { closeServer, listen, publicHost } from '../http/listen';
import { type NetworkLatency, delayServer } from '../network-latency';
import { type Variants, parseVariants } from '../variants';
import { fastPageInliner } from './fast-page';
import { aggregateHealth, selfHealth } from './health';
import {
  callbackPage,
  chatPage,
  homePage,
  loginPage,
  notFoundPage,
  serverErrorPage,
  type PageConfig,
} from './pages';
import { loadAssets, type Asset } from './static-assets';

export interface FrontendOptions {
  host: string;
  /** 0 = ephemeral (tests). */
  port: number;
  authUrl: string;
  backendUrl: string;
  wsUrl: string;
  faults: Faults;
  /** Healthy variants; none when omitted. */
  variants?: Variants;
  /** `real-pacing`: every answer crosses a network. */
  latency?: NetworkLatency;
}

export interface RunningFrontend {
  url: string;
  close(): Promise<void>;
}

/** Routes that render a page; `/chat/<thread id>` is one segment (contract section 5). */
function pageFor(path: string, config: PageConfig): string | null {
  if (path === '/') return homePage(config);
  if (path === '/login') return loginPage(config);
  if (path === '/auth/callback') return callbackPage(config);
  if (path === '/chat' || path === '/chat/' || /^\/chat\/[^/]+$/.test(path)) return chatPage(config);
  return null;
}

export async function startFrontend(o: FrontendOptions): Promise<RunningFrontend> {
  const startedAt = Date.now();
  const assets = await loadAssets(o.faults);
  const variants = o.variants ?? parseVariants(undefined);
  const config: PageConfig = {
    authUrl: o.authUrl,
    backendUrl: o.backendUrl,
    wsUrl: o.wsUrl,
    completionDisplay: o.faults.has('ui-no-response') ? 'summary' : 'answer',
    variant: o.faults.has('frontend-contract-only') ? 'contract-only' : 'reference',
    sendsFirst: variants.has('page-sends-first'),
    messageRoute: o.faults.has('page-rest-diversion') ? 'rest' : 'socket',
  };
  const render = variants.has('fast-page') ? fastPageInliner(assets) : (html: string) => html;
  const server = createServer((req, res) => {
    handle(req, res, o, config, assets, startedAt, render).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `frontend error: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  const stopDelays = o.latency ? delayServer(server, o.latency) : () => undefined;
  const port = await listen(server, o.host, o.port);
  return {
    url: `http://${publicHost(o.host)}:${port}`,
    close: () => {
      stopDelays();
      return closeServer(server);
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  o: FrontendOptions,
  config: PageConfig,
  assets: Map<string, Asset>,
  startedAt: number,
  render: (html: string) => string,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://frontend.invalid').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
    return;
  }
  const broken = o.faults.has('frontend-500');

  if (path === '/health' || path === '/api/health') {
    if (broken) {
      sendJson(res, 500, { status: 'unhealthy', service: 'frontend', error: 'Internal Server Error' });
      return;
    }
    sendJson(res, 200, path === '/health' ? await aggregateHealth(o.backendUrl, o.authUrl, startedAt) : selfHealth(startedAt));
    return;
  }

  const asset = assets.get(path);
  if (asset) {
    send(res, 200, asset.contentType, asset.body);
    return;
  }
  if (path === '/favicon.ico') {
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
    return;
  }

  const page = pageFor(path, config);
  if (page === null) {
    send(res, 404, 'text/html; charset=utf-8', notFoundPage(path));
    return;
  }
  // Fault frontend-500: every page route fails as a crashed server does (FRONTEND_UNAVAILABLE).
  if (broken) {
    send(res, 500, 'text/html; charset=utf-8', serverErrorPage());
    return;
  }
  // Fault page-csp-blocks-platform: a policy written for one origin, after the platform moved to
  // others: the browser refuses the page's calls to auth, backend and socket (contract section 5).
  if (o.faults.has('page-csp-blocks-platform')) res.setHeader('Content-Security-Policy', "connect-src 'self'");
  send(res, 200, 'text/html; charset=utf-8', render(page));
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}
