import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from '../faults';
import { jsonService } from '../http/json-service';
import { closeServer, listen, publicHost } from '../http/listen';
import { routeOf } from '../http/request';
import { sendAnswer, sendJson, sendMethodNotAllowed, sendNotFound } from '../http/respond';
import type { TokenService } from '../jwt';
import { type NetworkLatency, delayServer } from '../network-latency';
import { authConfig, authHealth, authHealthDetail } from './service-info';
import { type AuthContext, devLogin, e2eTestAuth, login, logout, me, refresh, validate } from './token-endpoints';
import type { LocalCredentials } from './users';

export interface AuthOptions {
  host: string;
  port: number;
  tokens: TokenService;
  faults: Faults;
  credentials: LocalCredentials;
  /** Known only once the frontend listens, after auth (start order: auth and backend, then frontend). */
  frontendUrl: () => string | undefined;
  /** `real-pacing`: every answer crosses a network. */
  latency?: NetworkLatency;
}

export interface RunningAuth {
  url: string;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: AuthContext) => Promise<void> | void;

/** Contract section 3, one row per route. */
function routes(o: AuthOptions, startedAt: number): Record<string, Partial<Record<string, Handler>>> {
  return {
    '/health': { GET: (_req, res) => sendAnswer(res, authHealth(o.faults, o.tokens.environment, startedAt)) },
    '/auth/health': { GET: (_req, res) => sendAnswer(res, authHealthDetail(o.faults)) },
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
  const table = routes(o, Date.now());
  const ctx: AuthContext = { tokens: o.tokens, faults: o.faults, credentials: o.credentials };

  const server = jsonService('auth', (req, res) => {
    const byMethod = table[routeOf(req).path];
    const handler = byMethod?.[req.method ?? 'GET'];
    if (!byMethod) return sendNotFound(res);
    if (!handler) return sendMethodNotAllowed(res);
    return handler(req, res, ctx);
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
