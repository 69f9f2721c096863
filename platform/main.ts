import { parseFaults } from './faults';
import type { LocalCredentials } from './auth/users';
import { type RunningPlatform, startPlatform } from './start';

/**
 * `npm run platform`: the local default target of the suite (contract section 1). Prints one
 * line when every service listens; the suite's webServer waits for it.
 */
function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name}=${raw} is not a port number`);
  return value;
}

function positiveMs(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}=${raw} is not a number of milliseconds`);
  return value;
}

/**
 * Section 9: the local users and key may be overridden by the platform's environment. The names
 * carry a PLATFORM_ prefix so that the suite's own E2E_BYPASS_KEY (a staging secret) never
 * changes the local platform by accident.
 */
function credentials(): Partial<LocalCredentials> {
  const out: Partial<LocalCredentials> = {};
  if (process.env['PLATFORM_USER_EMAIL']) out.passwordEmail = process.env['PLATFORM_USER_EMAIL'];
  if (process.env['PLATFORM_USER_PASSWORD']) out.password = process.env['PLATFORM_USER_PASSWORD'];
  if (process.env['PLATFORM_E2E_BYPASS_KEY'] !== undefined) out.bypassKey = process.env['PLATFORM_E2E_BYPASS_KEY'];
  return out;
}

async function main(): Promise<void> {
  let platform: RunningPlatform;
  try {
    const faults = parseFaults(process.env['PLATFORM_FAULTS']);
    platform = await startPlatform({
      frontendPort: port('FRONTEND_PORT', 3000),
      authPort: port('AUTH_PORT', 8081),
      backendPort: port('BACKEND_PORT', 8000),
      faults,
      agentStepMs: positiveMs('PLATFORM_AGENT_STEP_MS'),
      heartbeatMs: positiveMs('PLATFORM_HEARTBEAT_MS'),
      jwtSecret: process.env['JWT_SECRET_KEY'],
      credentials: credentials(),
    });
    const { urls } = platform;
    process.stdout.write(
      `netra reference platform ready frontend=${urls.frontend} auth=${urls.auth} backend=${urls.backend} ws=${urls.ws} ` +
        `faults=${faults.names.length > 0 ? faults.names.join(',') : 'none'}\n`,
    );
  } catch (error) {
    process.stderr.write(`netra reference platform failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    platform.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`netra reference platform stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
