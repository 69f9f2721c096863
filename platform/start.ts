import { type Faults, parseFaults } from './faults';
import { startAuth } from './auth/server';
import { DEFAULT_CREDENTIALS, type LocalCredentials } from './auth/users';
import { startBackend } from './backend/server';
import { startFrontend } from './frontend/server';
import { TokenService } from './jwt';
import { REAL_NETWORK_MS, jitteredLatency } from './network-latency';
import { type Variants, parseVariants } from './variants';

export interface PlatformOptions {
  /** Default 127.0.0.1: the reference platform never listens beyond loopback. */
  host?: string;
  /** 0 or omitted = ephemeral (tests). */
  frontendPort?: number;
  authPort?: number;
  backendPort?: number;
  faults?: Faults;
  /** Healthy variants (`PLATFORM_VARIANTS`); none when omitted. */
  variants?: Variants;
  /** Pause between two agent events, default 200 ms (about 1.5 s per run). */
  agentStepMs?: number;
  /** Idle time before a server `heartbeat` frame, default 19 s as on staging (section 4); 0 = none. */
  heartbeatMs?: number;
  /** JWT_SECRET_KEY; a random secret per start when omitted. */
  jwtSecret?: string;
  /** Section 9 local defaults, overridable. */
  credentials?: Partial<LocalCredentials>;
}

export interface RunningPlatform {
  urls: { frontend: string; auth: string; backend: string; ws: string };
  stop(): Promise<void>;
}

const DEFAULT_AGENT_STEP_MS = 200;
const DEFAULT_HEARTBEAT_MS = 19_000;
/** The reference platform is a local development deployment (section 9). */
const ENVIRONMENT = 'development';

/**
 * Auth and backend together, then the frontend, which is told where they are. Whatever started
 * is stopped again if another part fails.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const host = options.host ?? '127.0.0.1';
  const faults = options.faults ?? parseFaults(undefined);
  const variants = options.variants ?? parseVariants(undefined);
  const latency = variants.has('real-pacing') ? jitteredLatency(REAL_NETWORK_MS.min, REAL_NETWORK_MS.max) : undefined;
  const tokens = TokenService.create(options.jwtSecret, ENVIRONMENT);
  const credentials: LocalCredentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
  let frontendUrl: string | undefined;
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(stops.splice(0).map((close) => close()));
  };
  // Both are awaited before a failure is thrown, so that the one that did start is stopped.
  const [auth, backend] = await Promise.allSettled([
    startAuth({ host, port: options.authPort ?? 0, tokens, faults, credentials, frontendUrl: () => frontendUrl, latency }),
    startBackend({
      host,
      port: options.backendPort ?? 0,
      tokens,
      faults,
      agentStepMs: options.agentStepMs ?? DEFAULT_AGENT_STEP_MS,
      heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      variants,
      latency,
    }),
  ]);
  for (const part of [auth, backend]) if (part.status === 'fulfilled') stops.push(part.value.close);

  try {
    if (auth.status === 'rejected') throw auth.reason;
    if (backend.status === 'rejected') throw backend.reason;
    const frontend = await startFrontend({
      host,
      port: options.frontendPort ?? 0,
      authUrl: auth.value.url,
      backendUrl: backend.value.url,
      wsUrl: backend.value.wsUrl,
      faults,
      variants,
      latency,
    });
    stops.push(frontend.close);
    frontendUrl = frontend.url;
    return { urls: { frontend: frontend.url, auth: auth.value.url, backend: backend.value.url, ws: backend.value.wsUrl }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
