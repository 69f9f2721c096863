import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import type { Budget } from '../contract/run-deadlines';
import { BUDGET_DEFAULTS, type BudgetName, type Budgets } from './budgets';

/**
 * One environment's configuration: `env/<name>.env`, then the git-ignored
 * `env/<name>.secrets.env`, then the process environment (which wins, so any project can be
 * aimed at another deployment without editing files). Read and validated once, at start-up;
 * a missing or malformed value stops the run with [CONFIG_INVALID] naming the variable and file.
 */
export const ENVIRONMENTS = ['local', 'staging', 'production'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export const AUTH_MODES = ['dev-login', 'password', 'e2e-bypass', 'token'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];


/** Step kinds of the real-execution guard (contract section 7). */
export const FLOOR_KINDS = ['http', 'token', 'wsConnect', 'agentRun', 'pageLoad'] as const;
export type FloorKind = (typeof FLOOR_KINDS)[number];
export type Floors = Record<FloorKind, number>;

/** The real page diverts messages with these words to a REST endpoint (contract section 4). */
export const DIVERTED_WORDS = ['test', 'analyze', 'optimize', 'process'] as const;

export const DEFAULT_GOLDEN_MESSAGE = 'What are the three biggest cost drivers of running a chat assistant?';

export interface GoldenConfig {
  name: EnvironmentName;
  /** The files that were read, for messages and the report. */
  files: string[];
  urls: { frontend: string; auth: string; backend: string; ws: string };
  authMode: AuthMode;
  secrets: {
    userEmail?: string;
    userPassword?: string;
    bypassKey?: string;
    accessToken?: string;
  };
  goldenMessage: string;
  concurrentUsers: number;
  /** Writes on production (threads, model tokens) happen only when asked for. */
  chatAllowed: boolean;
  /** Origins the browser may reach besides the environment's own three. */
  extraAllowedOrigins: string[];
  budgets: Budgets;
  floors: Floors;
}

export class ConfigInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `[CONFIG_INVALID] ${problems[0]}`
        : `[CONFIG_INVALID] ${problems.length} problems:\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ConfigInvalidError';
  }
}

const budgetVar = (name: BudgetName, edge: 'SOFT' | 'HARD') =>
  `BUDGET_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_${edge}_MS`;
const floorVar = (kind: FloorKind) => `FLOOR_${kind.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_MS`;


interface Source {
  value: string;
  from: string;
}

export interface LoadOptions {
  rootDir: string;
  processEnv?: NodeJS.ProcessEnv;
}

/** Writes on production (threads, model tokens) only when ALLOW_PRODUCTION_CHAT=1. */
export function isChatAllowed(name: string | undefined, allowProductionChat: string | undefined): boolean {
  return name !== 'production' || allowProductionChat === '1';
}

export function isEnvironmentName(name: string): name is EnvironmentName {
  return (ENVIRONMENTS as readonly string[]).includes(name);
}

export function loadEnvironment(name: string, options: LoadOptions): GoldenConfig {
  const processEnv = options.processEnv ?? process.env;
  if (!isEnvironmentName(name)) {
    throw new ConfigInvalidError([`unknown environment "${name}"; expected one of ${ENVIRONMENTS.join(', ')}`]);
  }
  const file = path.join('env', `${name}.env`);
  const secretsFile = path.join('env', `${name}.secrets.env`);
  const filePath = path.join(options.rootDir, file);
  if (!existsSync(filePath)) throw new ConfigInvalidError([`${file} does not exist`]);

  const sources = new Map<string, Source>();
  const fileValues = dotenv.parse(readFileSync(filePath));
  for (const [k, v] of Object.entries(fileValues)) sources.set(k, { value: v, from: file });
  const files = [file];
  const secretsPath = path.join(options.rootDir, secretsFile);
  if (existsSync(secretsPath)) {
    files.push(secretsFile);
    for (const [k, v] of Object.entries(dotenv.parse(readFileSync(secretsPath)))) sources.set(k, { value: v, from: secretsFile });
  }
  const fromFiles = new Map(sources);
  for (const [k, v] of Object.entries(processEnv)) {
    if (v !== undefined && v !== '') sources.set(k, { value: v, from: 'the process environment' });
  }
  return validate(name, files, sources, fromFiles);
}

function validate(
  name: EnvironmentName,
  files: string[],
  sources: Map<string, Source>,
  fromFiles: Map<string, Source>,
): GoldenConfig {
  const problems: string[] = [];
  const where = (key: string) => sources.get(key)?.from ?? `${files[0]} or the process environment`;
  const get = (key: string) => sources.get(key)?.value.trim() || undefined;
  const required = (key: string, why = '') => {
    const value = get(key);
    if (!value) problems.push(`${key} is missing${why} (set it in ${files[0]}, env/${name}.secrets.env or the process environment)`);
    return value;
  };
  const url = (key: string, schemes: string[]) => {
    const value = required(key);
    if (!value) return '';
    try {
      const parsed = new URL(value);
      if (!schemes.includes(parsed.protocol)) {
        problems.push(`${key}=${value} in ${where(key)} must be a ${schemes.join(' or ')} URL`);
      }
      return value.replace(/\/+$/, '');
    } catch {
      problems.push(`${key}=${value} in ${where(key)} is not a URL`);
      return '';
    }
  };
  const whole = (key: string, fallback: number | undefined, min: number) => {
    const raw = get(key);
    if (raw === undefined) {
      if (fallback === undefined) problems.push(`${key} is missing (set it in ${files[0]})`);
      return fallback ?? 0;
    }
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min) {
      problems.push(`${key}=${raw} in ${where(key)} must be a whole number ≥ ${min}`);
      return fallback ?? 0;
    }
    return n;
  };

  const urls = {
    frontend: url('FRONTEND_URL', ['http:', 'https:']),
    auth: url('AUTH_URL', ['http:', 'https:']),
    backend: url('BACKEND_URL', ['http:', 'https:']),
    ws: url('WS_URL', ['ws:', 'wss:']),
  };

  const modeRaw = required('AUTH_MODE');
  let authMode: AuthMode = 'dev-login';
  if (modeRaw && !(AUTH_MODES as readonly string[]).includes(modeRaw)) {
    problems.push(`AUTH_MODE=${modeRaw} in ${where('AUTH_MODE')} must be one of ${AUTH_MODES.join(', ')}`);
  } else if (modeRaw) {
    authMode = modeRaw as AuthMode;
  }
  if (authMode === 'dev-login' && name === 'production') {
    problems.push('AUTH_MODE=dev-login is not available on production (the auth service answers 403)');
  }
  const needs = ` (AUTH_MODE=${authMode} needs it)`;
  const secrets = {
    userEmail: authMode === 'password' ? required('TEST_USER_EMAIL', needs) : get('TEST_USER_EMAIL'),
    userPassword: authMode === 'password' ? required('TEST_USER_PASSWORD', needs) : get('TEST_USER_PASSWORD'),
    bypassKey: authMode === 'e2e-bypass' ? required('E2E_BYPASS_KEY', needs) : get('E2E_BYPASS_KEY'),
    accessToken: authMode === 'token' ? required('ACCESS_TOKEN', needs) : get('ACCESS_TOKEN'),
  };

  const goldenMessage = get('GOLDEN_MESSAGE') ?? DEFAULT_GOLDEN_MESSAGE;
  const diverted = DIVERTED_WORDS.filter((w) => goldenMessage.toLowerCase().includes(w));
  if (diverted.length > 0) {
    problems.push(
      `GOLDEN_MESSAGE in ${where('GOLDEN_MESSAGE')} contains ${diverted.map((w) => `"${w}"`).join(', ')}: ` +
        'the real page sends such messages to a REST endpoint instead of the socket',
    );
  }

  const chatAllowed = isChatAllowed(name, get('ALLOW_PRODUCTION_CHAT'));
  const concurrentUsers = whole('CONCURRENT_USERS', 10, 1);
  if (chatAllowed && concurrentUsers > 1 && !secrets.bypassKey) {
    problems.push(
      `E2E_BYPASS_KEY is missing: the multi-user test needs ${concurrentUsers} distinct users (CONCURRENT_USERS), ` +
        'and many sockets of one user prove nothing about isolation (contract section 4.2)',
    );
  }

  const budgets = {} as Budgets;
  for (const [budget, contract] of Object.entries(BUDGET_DEFAULTS) as [BudgetName, Budget][]) {
    const edge = (e: 'SOFT' | 'HARD', contractMs: number) => {
      const key = budgetVar(budget, e);
      const value = whole(key, contractMs, 1);
      const fileValue = Number(fromFiles.get(key)?.value ?? contractMs);
      // Loosening a budget is a reviewed change to a file in git, never an ad-hoc override.
      if (sources.get(key)?.from === 'the process environment' && value > fileValue) {
        problems.push(`${key}=${value} from the process environment loosens the budget (${fileValue} ms); change ${files[0]} instead`);
      }
      return value;
    };
    const softMs = edge('SOFT', contract.softMs);
    const hardMs = edge('HARD', contract.hardMs);
    if (softMs > hardMs) problems.push(`${budgetVar(budget, 'SOFT')}=${softMs} is above ${budgetVar(budget, 'HARD')}=${hardMs}`);
    budgets[budget] = { softMs, hardMs };
  }

  const floors = {} as Floors;
  for (const kind of FLOOR_KINDS) floors[kind] = whole(floorVar(kind), undefined, 0);
  if (floors.agentRun >= budgets.agentRun.hardMs) {
    problems.push(`${floorVar('agentRun')}=${floors.agentRun} leaves no room under the agent run's hard budget`);
  }

  const extraAllowedOrigins = (get('THIRD_PARTY_ALLOW') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of extraAllowedOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) problems.push(`THIRD_PARTY_ALLOW entry "${origin}" must be an origin like https://cdn.example.com`);
  }

  if (problems.length > 0) throw new ConfigInvalidError(problems);
  return { name, files, urls, authMode, secrets, goldenMessage, concurrentUsers, chatAllowed, extraAllowedOrigins, budgets, floors };
}

