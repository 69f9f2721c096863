/**
 * `npm run load -- --users 500 --ramp 10s --env local [--engine own|artillery] [--duration-limit 120s] [--out file]`.
 * Pure parsing, so the bounds are unit-tested: the load mode never runs unbounded in users
 * or time, and it stops by itself at its deadline.
 */
export const MAX_USERS = 5_000;
export const MAX_DURATION_MS = 15 * 60_000;

/** `own`: this process drives the users (nothing to install); `artillery`: the Artillery scenario. */
export const ENGINES = ['own', 'artillery'] as const;
export type LoadEngine = (typeof ENGINES)[number];

export interface LoadOptions {
  engine: LoadEngine;
  users: number;
  rampMs: number;
  env: string;
  /** The whole run, ramp included, ends here: users still running count as unfinished. */
  durationLimitMs: number;
  out: string | undefined;
}

export class LoadUsageError extends Error {
  constructor(detail: string) {
    super(`[CONFIG_INVALID] ${detail}\nusage: npm run load -- --users <1..${MAX_USERS}> --ramp <10s> --env <local|staging|production> [--engine own|artillery] [--duration-limit <120s>] [--out <file.json>]`);
    this.name = 'LoadUsageError';
  }
}

/** `10s`, `500ms`, `2m`, or a bare number of seconds. */
export function parseDuration(raw: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!m) throw new LoadUsageError(`${flag} ${raw} is not a duration (e.g. 10s, 500ms, 2m)`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(unit === 'ms' ? n : unit === 'm' ? n * 60_000 : n * 1_000);
}

export function parseLoadArgs(argv: readonly string[]): LoadOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    if (!arg.startsWith('--')) throw new LoadUsageError(`unexpected argument "${arg}"`);
    if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1));
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new LoadUsageError(`${arg} needs a value`);
      values.set(arg.slice(2), next);
      i++;
    }
  }
  const known = new Set(['engine', 'users', 'ramp', 'env', 'duration-limit', 'out']);
  for (const key of values.keys()) if (!known.has(key)) throw new LoadUsageError(`unknown option --${key}`);

  const engine = values.get('engine') ?? 'own';
  if (!(ENGINES as readonly string[]).includes(engine)) throw new LoadUsageError(`--engine ${engine} must be one of ${ENGINES.join(', ')}`);
  const usersRaw = values.get('users') ?? '10';
  const users = Number(usersRaw);
  if (!/^\d+$/.test(usersRaw) || users < 1 || users > MAX_USERS) throw new LoadUsageError(`--users ${usersRaw} must be a whole number from 1 to ${MAX_USERS}`);
  const rampMs = parseDuration(values.get('ramp') ?? '10s', '--ramp');
  const durationLimitMs = parseDuration(values.get('duration-limit') ?? `${Math.ceil(rampMs / 1000) + 60}s`, '--duration-limit');
  if (durationLimitMs > MAX_DURATION_MS) throw new LoadUsageError(`--duration-limit must be at most ${MAX_DURATION_MS / 60_000} minutes`);
  if (durationLimitMs <= rampMs) throw new LoadUsageError(`--duration-limit (${durationLimitMs} ms) must be longer than --ramp (${rampMs} ms)`);
  return { engine: engine as LoadEngine, users, rampMs, env: values.get('env') ?? 'local', durationLimitMs, out: values.get('out') };
}

/** When user `index` (0-based) of `users` starts: evenly over the ramp, the first at 0. */
export function arrivalAt(index: number, users: number, rampMs: number): number {
  return users <= 1 ? 0 : Math.round((index * rampMs) / users);
}
