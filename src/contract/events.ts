/**
 * Tolerant reading of socket frames (contract section 4.1): every envelope the real platform
 * uses (canonical E3, E4 with `data`, outer `system_message`/`agent_progress` frames) is
 * normalised into one shape, so that the checks downstream can be strict.
 */
export const CRITICAL_EVENTS = [
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_completed',
] as const;

export type CriticalEvent = (typeof CRITICAL_EVENTS)[number];

export type FrameKind =
  | 'welcome'
  | 'critical'
  | 'agent_error'
  | 'keepalive'
  | 'ack'
  | 'error'
  | 'unparseable'
  | 'unknown';

export interface NormalisedFrame {
  kind: FrameKind;
  /** The event type after looking through outer envelopes. */
  type: string;
  runId?: string;
  threadId?: string;
  userId?: string;
  agentName?: string;
  toolName?: string;
  /** The event's body: `payload`, else `data`, else `{}`. */
  body: Record<string, unknown>;
  /** Milliseconds on the observer's clock when the frame arrived. */
  receivedAt: number;
  /** The platform's own time of the frame, in epoch milliseconds, when it carries one. */
  stampedAt?: number;
  /** The frame as received (parsed JSON, or the text when it did not parse). */
  raw: unknown;
}

const KEEPALIVE = new Set(['ping', 'pong', 'heartbeat', 'heartbeat_ack']);
const WELCOME = new Set(['connection_established', 'connection_ready']);
const ERRORS = new Set(['error', 'error_message']);
const OUTER_ENVELOPES = new Set(['system_message', 'agent_progress']);
const CRITICAL = new Set<string>(CRITICAL_EVENTS);

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function isKnownEvent(type: string | undefined): type is string {
  return !!type && (CRITICAL.has(type) || type === 'agent_error');
}

/**
 * "A reader looks at `type`, then `data.type`/`data.event`, then `payload.type`." A top-level
 * type the suite knows settles it; any other (`system_message`, `agent_progress`, or a wrapper
 * the contract does not name, such as `agent_event`) is looked through for a known event.
 */
function resolveType(frame: Json): string {
  const top = asString(frame.type);
  const data = asObject(frame.data);
  const payload = asObject(frame.payload);
  if (top && !OUTER_ENVELOPES.has(top) && kindOf(top) !== 'unknown') return top;
  const inner = [asString(data?.type), asString(data?.event), asString(payload?.type)].find(isKnownEvent);
  return inner ?? top ?? '';
}

function kindOf(type: string): FrameKind {
  if (CRITICAL.has(type)) return 'critical';
  if (type === 'agent_error') return 'agent_error';
  if (WELCOME.has(type)) return 'welcome';
  if (KEEPALIVE.has(type)) return 'keepalive';
  if (type === 'ack') return 'ack';
  if (ERRORS.has(type)) return 'error';
  return 'unknown';
}

export function normaliseFrame(data: string | Json, receivedAt: number): NormalisedFrame {
  let parsed: unknown = data;
  if (typeof data === 'string') {
    try {
      parsed = JSON.parse(data);
    } catch {
      return { kind: 'unparseable', type: '', body: {}, receivedAt, raw: data };
    }
  }
  const frame = asObject(parsed);
  if (!frame) return { kind: 'unparseable', type: '', body: {}, receivedAt, raw: parsed };
  const type = resolveType(frame);
  const body = asObject(frame.payload) ?? asObject(frame.data) ?? {};
  const pick = (key: string) => asString(frame[key]) ?? asString(body[key]);
  return {
    kind: kindOf(type),
    type,
    runId: pick('run_id'),
    threadId: pick('thread_id'),
    userId: pick('user_id'),
    agentName: pick('agent_name'),
    toolName: asString(body.tool_name) ?? asString(frame.tool_name),
    body,
    receivedAt,
    stampedAt: epochMs(frame.timestamp ?? body.timestamp),
    raw: frame,
  };
}

/** "`timestamp`s are ISO 8601 in E3 and unix seconds (float) at the E1 top level" (section 4.2). */
function epochMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value;
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The answer an `agent_completed` carries: the first non-empty string of `result.response`,
 * `result.final_response`, `result.content`, `final_response`, `content`, `message`. The real
 * backend's trailing bare `agent_completed` has the answer object itself as its payload, so
 * `response` is read too.
 */
export function answerOf(frame: NormalisedFrame): string | undefined {
  const raw = asObject(frame.raw);
  if (typeof raw?.payload === 'string' && raw.payload.trim()) return raw.payload;
  const result = asObject(frame.body.result);
  const candidates = [
    result?.response,
    result?.final_response,
    result?.content,
    frame.body.final_response,
    frame.body.content,
    frame.body.message,
    frame.body.response,
  ];
  return candidates.map(asString).find((s) => s !== undefined && s.trim().length > 0);
}

/** The text of an error frame, in either shape the contract names (section 4). */
export function errorTextOf(frame: NormalisedFrame): string | undefined {
  const raw = asObject(frame.raw) ?? {};
  return (
    asString(raw.message) ??
    asString(raw.error_message) ??
    asString(frame.body.error_message) ??
    asString(frame.body.message) ??
    asString(frame.body.error)
  );
}

/** `error_message` with `error_code` (flat, section 4) — `AUTH_FAILED`, `JSON_PARSE_ERROR`, … */
export function errorCodeOf(frame: NormalisedFrame): string | undefined {
  const raw = asObject(frame.raw) ?? {};
  return asString(raw.error_code) ?? asString(frame.body.error_code);
}
