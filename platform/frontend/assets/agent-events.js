// Reading the backend's frames, tolerant the way contract section 4.1 asks: the canonical E3
// envelope (fields under `payload`), E4 (fields under `data`), and an outer
// `system_message`/`agent_progress` frame that names the event in `data.type`/`data.event`.
// Pure functions over parsed JSON, so they can be checked without a socket.

/** Never agent events and never evidence of a run (contract section 4). */
const KEEPALIVE = new Set(['heartbeat', 'heartbeat_ack', 'ping', 'pong', 'ack']);
const WRAPPERS = new Set(['system_message', 'agent_progress']);
const WELCOMES = new Set(['connection_established', 'connection_ready']);
const ERRORS = new Set(['error', 'error_message']);
const EVENTS = new Set(['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed', 'agent_error']);
const KNOWN = new Set([...KEEPALIVE, ...WELCOMES, ...ERRORS, ...EVENTS]);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * @returns {{ kind: 'keepalive' | 'welcome' | 'error' | 'event' | 'unknown', type: string,
 *   fields: Record<string, unknown>, payload: unknown, data: Record<string, unknown> | undefined,
 *   runId?: string, threadId?: string, agentName?: string, frame: unknown }}
 */
export function readFrame(frame) {
  if (!isObject(frame)) return { kind: 'unknown', type: '', fields: {}, payload: undefined, data: undefined, frame };
  let data = isObject(frame.data) ? frame.data : undefined;
  let payload = frame.payload;
  // type first, then data.type / data.event, then payload.type (contract section 4.1). A type
  // no reader knows may be a wrapper too: it gives way to a known event named inside it.
  let type = nonEmpty(frame.type) ?? '';
  const wrapper = type === '' || WRAPPERS.has(type);
  if (wrapper || !KNOWN.has(type)) {
    const inner = nonEmpty(data?.type) ?? nonEmpty(data?.event) ?? (isObject(payload) ? nonEmpty(payload.type) ?? nonEmpty(payload.event) : undefined);
    if (inner && (wrapper || KNOWN.has(inner))) {
      type = inner;
      // A wrapper may nest the event's own fields one level further down.
      if (data && (isObject(data.payload) || isObject(data.data)) && payload === undefined) {
        payload = isObject(data.payload) ? data.payload : undefined;
        data = isObject(data.data) ? data.data : data;
      }
    }
  }
  const fields = isObject(payload) ? payload : data ?? {};
  const pick = (key) => nonEmpty(frame[key]) ?? nonEmpty(fields[key]) ?? nonEmpty(data?.[key]);
  let kind = 'event';
  if (KEEPALIVE.has(type)) kind = 'keepalive';
  else if (WELCOMES.has(type)) kind = 'welcome';
  else if (ERRORS.has(type)) kind = 'error';
  else if (type === '') kind = 'unknown';
  return {
    kind,
    type,
    fields,
    payload,
    data,
    runId: pick('run_id'),
    threadId: pick('thread_id'),
    agentName: pick('agent_name'),
    frame,
  };
}

/**
 * The answer an `agent_completed` carries: the first non-empty string of result.response,
 * result.final_response, result.content, final_response, content, message, looking in the
 * payload, then data, then the flat frame (contract section 4.1). The backend's second, bare
 * `agent_completed` may carry the answer as its whole payload, a string or the result itself.
 */
export function answerOf(event) {
  if (nonEmpty(event.payload)) return event.payload;
  const sources = [event.payload, event.data, event.frame].filter(isObject);
  for (const source of sources) {
    const result = isObject(source.result) ? source.result : {};
    const found =
      nonEmpty(result.response) ??
      nonEmpty(result.final_response) ??
      nonEmpty(result.content) ??
      nonEmpty(source.final_response) ??
      nonEmpty(source.content) ??
      nonEmpty(source.message) ??
      nonEmpty(source.response) ??
      nonEmpty(source.result);
    if (found) return found;
  }
  return undefined;
}

/**
 * An error for the client: `{"type":"error","message"}` (the backend's handlers), `{"type":"error",
 * "payload":{"error_message"}}` (what the real page reads), the flat `error_message` frame
 * (contract section 4), and `agent_error` events.
 */
export function errorTextOf(event) {
  const sources = [event.frame, event.payload, event.data].filter(isObject);
  for (const source of sources) {
    const found = nonEmpty(source.error_message) ?? nonEmpty(source.message) ?? nonEmpty(source.error) ?? nonEmpty(source.detail);
    if (found) return found;
    if (isObject(source.error)) {
      const nested = nonEmpty(source.error.message) ?? nonEmpty(source.error.error_message);
      if (nested) return nested;
    }
  }
  return 'unknown error';
}

export function reasoningOf(event) {
  const f = event.fields;
  return nonEmpty(f.reasoning) ?? nonEmpty(f.thought) ?? nonEmpty(f.message) ?? nonEmpty(f.content) ?? '';
}

export function toolNameOf(event) {
  const f = event.fields;
  return nonEmpty(f.tool_name) ?? nonEmpty(f.tool) ?? nonEmpty(f.name) ?? 'tool';
}

/** Milliseconds the run took by the backend's own account, when it says. */
export function executionMsOf(event) {
  const f = event.fields;
  const ms = f.execution_time_ms ?? (isObject(f.result) ? f.result.execution_time_ms : undefined);
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}
