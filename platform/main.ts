import { FAULT_NAMES, parseFaults } from './faults';
import { VARIANTS, parseVariants } from './variants';
import type { LocalCredentials } from './auth/users';
import { type RunningPlatform, startPlatform } from './start';

/**
 * `npm run platform`: the local default target of the suite (contract section 1). Prints one
 * line when every service listens; the suite's webServer waits for it.
 */
function envNumber(name: string, valid: (value: number) => boolean, what: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!valid(value)) throw new Error(`${name}=${raw} is not ${what}`);
  return value;
}

function port(name: string, fallback: number): number {
  return envNumber(name, (v) => Number.isInteger(v) && v >= 0 && v <= 65535, 'a port number') ?? fallback;
}

function milliseconds(name: string): number | undefined {
  return envNumber(name, (v) => Number.isFinite(v) && v >= 0, 'a number of milliseconds');
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

/** Stops on SIGINT and SIGTERM with exit 0, or 1 when the stop itself fails. */
function stopOnSignals(platform: RunningPlatform): void {
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

async function main(): Promise<void> {
  try {
    const faults = parseFaults(process.env['PLATFORM_FAULTS']);
    const variants = parseVariants(process.env['PLATFORM_VARIANTS']);
    const platform = await startPlatform({
      frontendPort: port('FRONTEND_PORT', 3000),
      authPort: port('AUTH_PORT', 8081),
      backendPort: port('BACKEND_PORT', 8000),
      faults,
      variants,
      agentStepMs: milliseconds('PLATFORM_AGENT_STEP_MS'),
      heartbeatMs: milliseconds('PLATFORM_HEARTBEAT_MS'),
      jwtSecret: process.env['JWT_SECRET_KEY'],
      credentials: credentials(),
    });
    // Before the ready line: whoever reads it may signal at once, and a signal that came before
    // the handlers would kill the process without a stop (exit by signal, not 0).
    stopOnSignals(platform);
    const { urls } = platform;
    process.stdout.write(
      `netra reference platform ready frontend=${urls.frontend} auth=${urls.auth} backend=${urls.backend} ws=${urls.ws} ` +
        `faults=${faults.names.length > 0 ? faults.names.join(',') : 'none'} ` +
        `variants=${variants.names.length > 0 ? variants.names.join(',') : 'none'}\n`,
    );
  } catch (error) {
    process.stderr.write(`netra reference platform failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/** `npm run platform -- --help`: the switches, so that nobody has to read the source for them. */
function usage(): string {
  const variants = Object.entries(VARIANTS).map(([name, what]) => `  ${name.padEnd(18)} ${what}`);
  return [
    'npm run platform: the Netra Apex reference platform on loopback',
    '',
    'Ports: FRONTEND_PORT (3000), AUTH_PORT (8081), BACKEND_PORT (8000).',
    'Pacing: PLATFORM_AGENT_STEP_MS (200), PLATFORM_HEARTBEAT_MS (19000).',
    '',
    'PLATFORM_VARIANTS=<name>[,<name>…]  healthy, but conforming in another way:',
    ...variants,
    '',
    `PLATFORM_FAULTS=<name>[,<name>…]  broken on purpose: ${FAULT_NAMES.join(', ')} (drop-event:<event>)`,
    '',
  ].join('\n');
}

if (process.argv.includes('--help')) process.stdout.write(usage());
else void main();
