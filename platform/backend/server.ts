import type { Faults } from '../faults';
import { jsonService } from '../http/json-service';
import { closeServer, listen, publicHost } from '../http/listen';
import { routeOf } from '../http/request';
import { type JsonAnswer, sendAnswer, sendMethodNotAllowed, sendNotFound } from '../http/respond';
import type { TokenService } from '../jwt';
import { type NetworkLatency, delayServer } from '../network-latency';
import type { Variants } from '../variants';
import { handleAgentRest } from './agent-rest';
import { type HealthContext, apiHealth, health, liveness, readiness, socketConfig, socketHealth } from './health';
import { SocketGateway } from './socket-gateway';
import { ThreadStore } from './thread-store';
import { handleThreads } from './threads-api';

export interface BackendOptions {
  host: string;
  port: number;
  tokens: TokenService;
  faults: Faults;
  /** Pause between two agent events of a run. */
  agentStepMs: number;
  /** Idle time before the server sends a `heartbeat` frame (about 19 s on staging, section 4). */
  heartbeatMs: number;
  variants: Variants;
  /** `real-pacing`: HTTP answers and socket frames cross a network. */
  latency: NetworkLatency | undefined;
}

export interface RunningBackend {
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

const HEALTH_ROUTES: Record<string, (ctx: HealthContext) => JsonAnswer> = {
  '/health': health,
  '/health/live': liveness,
  '/health/ready': readiness,
  '/api/health': apiHealth,
  '/ws/health': socketHealth,
  '/ws/config': socketConfig,
};

export async function startBackend(o: BackendOptions): Promise<RunningBackend> {
  const store = new ThreadStore();
  const gateway = new SocketGateway({
    tokens: o.tokens,
    faults: o.faults,
    store,
    stepMs: o.agentStepMs,
    heartbeatMs: o.heartbeatMs,
    variants: o.variants,
    latency: o.latency,
  });
  const healthContext: HealthContext = {
    faults: o.faults,
    environment: o.tokens.environment,
    startedAt: Date.now(),
    activeConnections: () => gateway.activeConnections,
  };

  const server = jsonService('backend', async (req, res) => {
    const { url, path } = routeOf(req);
    const healthRoute = HEALTH_ROUTES[path];
    if (healthRoute) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendMethodNotAllowed(res);
      return sendAnswer(res, healthRoute(healthContext));
    }
    if (await handleThreads(req, res, url, { store, tokens: o.tokens })) return;
    if (await handleAgentRest(req, res, path, o.tokens)) return;
    sendNotFound(res);
  });
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  const stopDelays = o.latency ? delayServer(server, o.latency) : () => undefined;
  const port = await listen(server, o.host, o.port);
  const base = `${publicHost(o.host)}:${port}`;
  return {
    url: `http://${base}`,
    wsUrl: `ws://${base}/ws`,
    close: async () => {
      stopDelays();
      await gateway.close();
      await closeServer(server);
    },
  };
}
