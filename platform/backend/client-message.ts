/** What a client frame asks for, parsed without side effects so it can be tested on data. */
export type ClientMessage =
  | { kind: 'invalid-json'; error: string }
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
    return { kind: 'invalid-json', error: (error as Error).message };
  }
  const frame = asRecord(parsed);
  if (!frame) return { kind: 'invalid-shape', reason: 'Message must be a JSON object' };
  const type = frame['type'];
  if (typeof type !== 'string' || type === '') return { kind: 'invalid-shape', reason: 'Message type is required' };
  if (type === 'ping') return { kind: 'ping', timestamp: frame['timestamp'] };
  if (type === 'heartbeat_ack' || type === 'pong' || type === 'heartbeat') return { kind: 'keepalive-reply' };
  if (!RUN_TYPES.includes(type)) return { kind: 'unknown', type };

  const payload = asRecord(frame['payload']) ?? asRecord(frame['data']);
  const source = payload ?? frame;
  const keys = type === 'start_agent' ? ['user_request', 'content', 'text'] : ['content', 'text', 'user_request'];
  const content = firstString(source, keys) ?? firstString(frame, keys) ?? '';
  return {
    kind: 'run',
    type: type as RunMessageType,
    content,
    threadId: source['thread_id'] ?? frame['thread_id'],
    context: asRecord(source['context']) ?? {},
  };
}
