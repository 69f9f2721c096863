import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { Faults } from '../faults';
import { handleCors } from '../http/cors';
import { closeServer, listen, publicHost } from '../http/listen';
import { sendJson, sendMethodNotAllowed, sendNotFound } from '../http/respond';
import type { TokenService } from '../jwt';
import { authConfig, authHealth, authHealthDetail } from './service-info';
import { type AuthContext, devLogin, e2eTestAuth, login, logout, me, refresh, validate } from './token-endpoints';
import type { LocalCredentials } from './users';

export interface AuthOptions {
  host: string;
  port: number;
  tokens: TokenService;
  faults: Faults;
  credentials: LocalCredentials;
  /** Known only once the frontend listens, after auth (start order: auth, backend, frontend). */
  frontendUrl: () => string | undefined;
}

export interface RunningAuth {
  url: string;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: AuthContext) => Promise<void> | void;

/** Contract section 3, one row per route. */
function routes(o: AuthOptions, startedAt: number): Record<string, Partial<Record<string, Handler>>> {
  return {
    '/health': {
      GET: (_req, res) => {
        const answer = authHealth(o.faults, o.tokens.environment, startedAt);
        sendJson(res, answer.status, answer.body);
      },
    },
    '/auth/health': {
      GET: (_req, res) => {
        const answer = authHealthDetail(o.faults);
        sendJson(res, answer.status, answer.body);
      },
    },
    '/auth/config': { GET: (req, res) => sendJson(res, 200, authConfig(req, o.frontendUrl())) },
    '/auth/login': { POST: login },
    '/auth/dev/login': { POST: devLogin },
    '/auth/e2e/test-auth': { POST: e2eTestAuth },
    '/auth/refresh': { POST: refresh },
    '/auth/validate': { POST: validate },
    '/auth/me': { GET: me },
    '/auth/logout': { POST: logout },
  };
}

export async function startAuth(o: AuthOptions): Promise<RunningAuth> {
  const startedAt = Date.now();
  const table = routes(o, startedAt);
  const ctx: AuthContext = { tokens: o.tokens, faults: o.faults, credentials: o.credentials };

  const server = createServer((req, res) => {
    if (handleCors(req, res)) return;
    const path = new URL(req.url ?? '/', 'http://auth.local').pathname.replace(/\/+$/, '') || '/';
    const byMethod = table[path];
    const handler = byMethod?.[req.method ?? 'GET'];
    if (!byMethod) return sendNotFound(res);
    if (!handler) return sendMethodNotAllowed(res);
    // A handler that throws must never take the service down: answer 500 and keep serving.
    Promise.resolve(handler(req, res, ctx)).catch((error: unknown) => {
      process.stderr.write(`auth: ${req.method} ${path} failed: ${String(error)}\n`);
      sendJson(res, 500, { detail: 'Internal server error' });
    });
  });
  const port = await listen(server, o.host, o.port);
  return { url: `http://${publicHost(o.host)}:${port}`, close: () => closeServer(server) };
}
