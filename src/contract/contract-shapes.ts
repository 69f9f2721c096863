import { CRITICAL_EVENTS, type NormalisedFrame } from './events';

/**
 * What the contract lists, shape by shape, as data: every frame type, envelope and payload
 * field, error code, close code and health or config key that docs/platform-contract.md names.
 * Whatever else the platform sends is *drift*: not a failure (the contract says a reader
 * ignores what it does not know, section 4.1), but worth seeing before the morning it matters.
 * Each function returns what it saw that the contract does not list; none of them judges a run.
 */
export const DRIFT_KINDS = ['event_type', 'field', 'error_code', 'close_code', 'health_key', 'config_key'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface DriftSighting {
  kind: DriftKind;
  /** What was not listed: `agent_response_chunk`, `agent_thinking.payload.confidence`, `1013`, `backend /api/health: checks.vector_db`. */
  name: string;
  /** What it looked like, unredacted and uncut: the caller masks, then cuts. */
  example: string;
}

/** A shape: each listed key, with the shape of its value when the contract spells one (`true`: any value). */
export interface Shape {
  readonly [key: string]: Shape | true;
}

const keys = (...names: string[]): Shape => Object.fromEntries(names.map((n) => [n, true]));

/** Section 4.1: the ids an agent event carries, at the top (E3) or beside its fields (E4, wrappers). */
const EVENT_IDS = ['run_id', 'user_id', 'thread_id', 'agent_name', 'timestamp'];

/** Section 4.1: each critical event's fields; `type`/`event` are where a wrapper names the event. */
const EVENT_FIELDS: Record<string, readonly string[]> = {
  agent_started: ['status', 'message', 'context'],
  agent_thinking: ['reasoning', 'step_number', 'progress_percentage', 'status'],
  tool_executing: ['tool_name', 'parameters', 'status'],
  tool_completed: ['tool_name', 'result', 'execution_time_ms', 'status'],
  // The answer may sit in any of the six places a reader looks (section 4.1).
  agent_completed: ['status', 'result', 'execution_time_ms', 'final_response', 'content', 'message'],
};

/** E3 (`payload`), E4 (`data`, `critical`) and the outer frames, as one envelope. */
function eventShape(type: string): Shape {
  const fields = EVENT_FIELDS[type];
  // agent_error: the contract gives its class, not its fields; its body is not judged.
  const body: Shape | true = fields ? keys(...fields, ...EVENT_IDS, 'type', 'event') : true;
  return { ...keys('type', ...EVENT_IDS, 'critical'), payload: body, data: body };
}

/** Section 4: the welcome (E1). */
const WELCOME: Shape = {
  ...keys('type', 'timestamp', 'server_id', 'correlation_id'),
  data: keys('mode', 'user_id', 'connection_id', 'golden_path_events', 'timestamp'),
};

/** Section 4: the three error shapes, each with or without an `error_code`. */
const ERROR: Shape = {
  ...keys('type', 'error_code', 'error_message', 'message', 'details', 'timestamp'),
  payload: keys('error_message', 'error_code'),
};

/** Section 4: the answer to a client type the platform does not know. */
const ACK: Shape = keys('type', 'received_type', 'status', 'timestamp');

/** Section 4: the error codes the contract names; handlers may have codes of their own (drift). */
export const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set(['AUTH_FAILED', 'JSON_PARSE_ERROR']);

/**
 * Close codes the platform may send: 1008 and 1011 (section 4) and RFC 6455's normal closure.
 * 1005, 1006 and 1015 never travel in a close frame: a client reports them for a close that
 * carried no code or no close at all, so they say nothing of what the platform sent.
 */
export const KNOWN_CLOSE_CODES: ReadonlySet<number> = new Set([1000, 1008, 1011]);
const NOT_ON_THE_WIRE: ReadonlySet<number> = new Set([1005, 1006, 1015]);

/** Section 4.1: the outer frames whose `data` names the event. */
const OUTER_ENVELOPES: ReadonlySet<string> = new Set(['system_message', 'agent_progress']);
const EVENT_TYPES: ReadonlySet<string> = new Set([...CRITICAL_EVENTS, 'agent_error']);

/**
 * What one received frame shows that the contract does not list. Keepalive frames are listed
 * by type only (section 4 gives them no fields), so only their type is judged.
 */
export function frameDrift(frame: NormalisedFrame): DriftSighting[] {
  if (frame.kind === 'unparseable') {
    const text = typeof frame.raw === 'string' ? frame.raw : JSON.stringify(frame.raw);
    return [{ kind: 'event_type', name: '(not a JSON object)', example: text }];
  }
  const raw = frame.raw as Record<string, unknown>;
  const whole = JSON.stringify(raw);
  const topType = typeof raw.type === 'string' && raw.type ? raw.type : '(no type)';
  switch (frame.kind) {
    case 'unknown':
      return [{ kind: 'event_type', name: OUTER_ENVELOPES.has(topType) ? innerName(raw, topType) : topType, example: whole }];
    case 'keepalive':
      return [];
    case 'welcome':
      return fieldsOf(raw, WELCOME, frame.type);
    case 'ack':
      return fieldsOf(raw, ACK, frame.type);
    case 'error': {
      const code = errorCode(raw);
      const sightings = fieldsOf(raw, ERROR, frame.type);
      if (code && !KNOWN_ERROR_CODES.has(code)) sightings.unshift({ kind: 'error_code', name: code, example: whole });
      return sightings;
    }
    default: {
      // An agent event, perhaps inside a wrapper the contract does not name (`payload.type`).
      const wrapper = topType !== frame.type && !OUTER_ENVELOPES.has(topType) && !EVENT_TYPES.has(topType);
      const sightings = wrapper ? [{ kind: 'event_type' as const, name: topType, example: whole }] : [];
      // The real backend's bare closing agent_completed has the answer itself as its payload.
      const bare = frame.type === 'agent_completed' && !frame.runId && !frame.threadId;
      return [...sightings, ...fieldsOf(raw, bare ? { ...eventShape(frame.type), payload: true } : eventShape(frame.type), frame.type)];
    }
  }
}

/**
 * Every name the catalog lists (types, keys, codes), for the unit test that holds it to
 * docs/platform-contract.md: the catalog may list nothing the contract's account does not name.
 */
export function catalogNames(): Set<string> {
  const names = new Set<string>([...EVENT_TYPES, ...OUTER_ENVELOPES, ...KNOWN_ERROR_CODES, ...[...KNOWN_CLOSE_CODES].map(String)]);
  const walk = (shape: Shape) => {
    for (const [key, inner] of Object.entries(shape)) {
      names.add(key);
      if (inner !== true) walk(inner);
    }
  };
  for (const shape of [WELCOME, ERROR, ACK, ...Object.keys(EVENT_FIELDS).map(eventShape), ...Object.values(HTTP_SHAPES).map((h) => h.shape)]) walk(shape);
  return names;
}

/** A close the client did not ask for, by its code. */
export function closeDrift(code: number, reason: string): DriftSighting[] {
  if (KNOWN_CLOSE_CODES.has(code) || NOT_ON_THE_WIRE.has(code)) return [];
  return [{ kind: 'close_code', name: String(code), example: `close ${code}${reason ? `: ${reason}` : ' (no reason)'}` }];
}

/** One check of `/api/health` (section 2). */
const CHECK = keys('status', 'connected', 'response_time_ms', 'error');
const API_HEALTH_BODY: Shape = {
  ...keys('status', 'timestamp', 'uptime_seconds', 'version', 'environment'),
  // A tolerant reader also accepts `postgres` (section 2).
  checks: { postgresql: CHECK, postgres: CHECK, redis: CHECK, clickhouse: CHECK },
};

/** Sections 2 and 3: every key of a health or config answer, healthy or not, by service and path. */
export const HTTP_SHAPES: Readonly<Record<string, { kind: DriftKind; shape: Shape }>> = {
  'backend /health': { kind: 'health_key', shape: keys('status', 'service', 'version', 'timestamp', 'message') },
  'backend /health/live': { kind: 'health_key', shape: keys('status', 'service', 'version', 'timestamp', 'environment') },
  'backend /health/ready': {
    kind: 'health_key',
    shape: {
      ...keys('status', 'service', 'timestamp', 'environment', 'core_db', 'redis_db', 'clickhouse_db', 'detail', 'message'),
      websocket_readiness: keys('status', 'websocket_ready'),
    },
  },
  // 503 nests the same object under `detail`.
  'backend /api/health': { kind: 'health_key', shape: { ...API_HEALTH_BODY, detail: API_HEALTH_BODY } },
  // `components` is open: the contract shows it as `{…}`.
  'backend /ws/health': { kind: 'health_key', shape: keys('status', 'timestamp', 'mode', 'components') },
  'auth /health': {
    kind: 'health_key',
    shape: keys('status', 'service', 'version', 'timestamp', 'uptime_seconds', 'environment', 'database_status', 'reason'),
  },
  'auth /auth/health': { kind: 'health_key', shape: keys('status', 'database_status') },
  'auth /auth/config': {
    kind: 'config_key',
    shape: {
      ...keys('development_mode', 'oauth_enabled', 'google_client_id', 'authorized_redirect_uris'),
      endpoints: keys('login', 'logout', 'callback', 'token', 'user', 'dev_login'),
    },
  },
};

/** What a health or config answer (`service` is `backend` or `auth`) holds that its shape does not list. */
export function bodyDrift(service: 'backend' | 'auth', path: string, body: unknown): DriftSighting[] {
  const known = HTTP_SHAPES[`${service} ${path}`];
  if (!known || !isObject(body)) return [];
  return unlisted(body, known.shape).map(({ at, value }) => ({
    kind: known.kind,
    name: `${service} ${path}: ${at}`,
    example: `${at}: ${JSON.stringify(value) ?? String(value)}`,
  }));
}

function fieldsOf(raw: Record<string, unknown>, shape: Shape, type: string): DriftSighting[] {
  return unlisted(raw, shape).map(({ at, value }) => ({
    kind: 'field' as const,
    name: `${type}.${at}`,
    example: `${at}: ${JSON.stringify(value) ?? String(value)} in ${JSON.stringify(raw)}`,
  }));
}

/** Key paths of `value` that `shape` does not list; an object is looked into only where its shape is spelled. */
export function unlisted(value: Record<string, unknown>, shape: Shape, prefix = ''): { at: string; value: unknown }[] {
  return Object.entries(value).flatMap(([key, inner]) => {
    const at = `${prefix}${key}`;
    const known = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (known === undefined) return [{ at, value: inner }];
    return known !== true && isObject(inner) ? unlisted(inner, known, `${at}.`) : [];
  });
}

/** An outer frame naming no event the contract lists: what it names instead is the unknown type. */
function innerName(raw: Record<string, unknown>, outer: string): string {
  const data = isObject(raw.data) ? raw.data : {};
  const payload = isObject(raw.payload) ? raw.payload : {};
  const named = [data.type, data.event, payload.type].find((v): v is string => typeof v === 'string' && v.length > 0);
  return named ?? `${outer} (naming no event)`;
}

function errorCode(raw: Record<string, unknown>): string | undefined {
  const payload = isObject(raw.payload) ? raw.payload : {};
  const code = raw.error_code ?? payload.error_code;
  return typeof code === 'string' && code ? code : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
