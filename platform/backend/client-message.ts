import { checkBounds, jsonDepth } from '../http/json-bounds';
import { LIMITS } from '../limits';

/** A bound of `LIMITS` that a frame broke: the error frame names it. */
export interface LimitBroken {
  kind: 'too-deep' | 'too-large';
  /** The frame's field, or '' for the frame as a whole. */
  field: string;
  limit: 'max_json_depth' | 'max_content_chars' | 'max_context_bytes';
  max: number;
  /** For the client: what was refused and why. */
  message: string;
}

/** What a client frame asks for, parsed without side effects so it can be tested on data. */
export type ClientMessage =
  | { kind: 'invalid-json'; error: string }
  | LimitBroken
  | { kind: 'invalid-shape'; reason: string }
  | { kind: 'ping'; timestamp: unknown }
  | { kind: 'keepalive-reply' }
  | { kind: 'run'; type: RunMessageType; content: string; threadId: unknown; context: Record<string, unknown> }
  | { kind: 'unknown'; type: string };

export type RunMessageType = 'user_message' | 'chat_message' | 'start_agent';

const RUN_TYPES: readonly string[] = ['user_message', 'chat_message', 'start_agent'];

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function firstString(source: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Section 4: the canonical `user_message` with `payload.content`, and what the real platform
 * also takes: `text` for `content`, the flat form without `payload`, and the aliases
 * `chat_message` and `start_agent` (`payload.user_request`, with `context`; its `settings` change
 * nothing here).
 */
export function parseClientMessage(raw: string): ClientMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { kind: 'invalid-json', error: (error as Error).message.slice(0, 200) };
  }
  // Before anything else reads it: a frame nested deeper than this is refused whole, since
  // any part of it may be copied into a later frame and serialised there.
  if (jsonDepth(parsed) > LIMITS.maxJsonDepth) {
    return { kind: 'too-deep', field: '', limit: 'max_json_depth', max: LIMITS.maxJsonDepth, message: `Message nested deeper than ${LIMITS.maxJsonDepth} levels` };
  }
  const frame = asRecord(parsed);
  if (!frame) return { kind: 'invalid-shape', reason: 'Message must be a JSON object' };
  const type = frame['type'];
  if (typeof type !== 'string' || type === '') return { kind: 'invalid-shape', reason: 'Message type is required' };
  if (type.length > LIMITS.maxTypeChars) return { kind: 'invalid-shape', reason: `Message type longer than ${LIMITS.maxTypeChars} characters` };
  if (type === 'ping') return { kind: 'ping', timestamp: frame['timestamp'] };
  if (type === 'heartbeat_ack' || type === 'pong' || type === 'heartbeat') return { kind: 'keepalive-reply' };
  if (!RUN_TYPES.includes(type)) return { kind: 'unknown', type };

  const payload = asRecord(frame['payload']) ?? asRecord(frame['data']);
  const source = payload ?? frame;
  const keys = type === 'start_agent' ? ['user_request', 'content', 'text'] : ['content', 'text', 'user_request'];
  const content = firstString(source, keys) ?? firstString(frame, keys) ?? '';
  if (content.length > LIMITS.maxContentChars) {
    const message = `Message content longer than ${LIMITS.maxContentChars} characters`;
    return { kind: 'too-large', field: 'content', limit: 'max_content_chars', max: LIMITS.maxContentChars, message };
  }
  // `agent_started` carries the context back (section 4.1), so only a bounded one is kept.
  const context = asRecord(source['context']) ?? {};
  if (checkBounds(context, LIMITS.maxContextBytes)) {
    const message = `Message context larger than ${LIMITS.maxContextBytes} bytes as JSON`;
    return { kind: 'too-large', field: 'context', limit: 'max_context_bytes', max: LIMITS.maxContextBytes, message };
  }
  return { kind: 'run', type: type as RunMessageType, content, threadId: source['thread_id'] ?? frame['thread_id'], context };
}
