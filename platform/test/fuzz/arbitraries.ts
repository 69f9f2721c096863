import fc from 'fast-check';

/**
 * What a buggy or hostile client sends, as fast-check arbitraries: arbitrary JSON and bytes,
 * nesting far past any limit, sizes around the limits, odd content types, origins and tokens.
 * Expensive shapes (deep, big) are generated as text from a size, never as objects, so that
 * generating them costs what sending them costs.
 */

/** Text of `depth` nested objects or arrays around a leaf; inside a field when `field` is given. */
function nestedText(depth: number, array: boolean, field?: string): string {
  const inner = array ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return field ? `{"${field}":${inner}}` : inner;
}

export const FIELDS = ['email', 'password', 'token', 'refresh_token', 'title', 'metadata', 'name', 'permissions', 'type', 'payload'] as const;

/** A JSON value of any kind, shallow; strings may be long and full of odd code points. */
export const jsonValue = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 2 },
  { arbitrary: fc.emailAddress(), weight: 1 },
  { arbitrary: fc.constantFrom(1e308, -0, 9e15, Number.MAX_SAFE_INTEGER + 2, '', '%ZZ', '\u0000', '__proto__'), weight: 1 },
);

/** Objects over the field names the platform reads, with any values. */
const knownFields = fc.dictionary(fc.constantFrom(...FIELDS), jsonValue, { maxKeys: 5 }).map((o) => JSON.stringify(o));

/** Depth from a few levels to past the call stack (`JSON.stringify` overflows at about 7,000). */
const depth = fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1_000, max: 12_000 }));

export const deepJson = fc.tuple(depth, fc.boolean(), fc.option(fc.constantFrom(...FIELDS), { nil: undefined })).map(([d, array, field]) => nestedText(d, array, field));

/** One field of a size around the limits: 8 KiB metadata, 32 KiB content, 1 MiB body. */
const bigJson = fc
  .tuple(
    fc.constantFrom(...FIELDS),
    fc.oneof({ arbitrary: fc.integer({ min: 8_000, max: 70_000 }), weight: 4 }, { arbitrary: fc.integer({ min: 1_000_000, max: 1_100_000 }), weight: 1 }),
  )
  .map(([field, size]) => `{"${field}":"${'x'.repeat(size)}"}`);

/** A request body: JSON text of any shape, arbitrary bytes, nesting and sizes. */
export const body: fc.Arbitrary<string | Buffer> = fc.oneof(
  { arbitrary: knownFields, weight: 6 },
  { arbitrary: fc.json({ maxDepth: 5 }), weight: 3 },
  { arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 500 }), weight: 1 },
  { arbitrary: deepJson, weight: 1 },
  { arbitrary: bigJson, weight: 1 },
  { arbitrary: fc.constant(''), weight: 1 },
);

/** Header-safe text: what Node puts on the wire without refusing. */
export const headerText = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);

export const contentType = fc.option(
  fc.oneof(
    { arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'), weight: 6 },
    { arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', ''), weight: 2 },
    { arbitrary: headerText, weight: 1 },
  ),
  { nil: undefined, freq: 4 },
);

/** No Origin (a non-browser client), the platform's own frontend, or any other website. */
export function origin(own: string): fc.Arbitrary<string | undefined> {
  return fc.option(fc.oneof(fc.constant(own), fc.constantFrom('null', 'https://evil.example', 'http://localhost:1'), fc.tuple(fc.constantFrom('http', 'https'), fc.domain()).map(([scheme, host]) => `${scheme}://${host}`)), { nil: undefined, freq: 2 });
}

/** A path segment with percent escapes, malformed ones included. */
const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9%._~!$&'()*+,;=:@-]{0,40}$/),
  fc.constantFrom('%ZZ', '%', '%E0%A4%A', '..', '.', '%2e%2e', '%00', 'thread_1_ab', '6f1c2a4e-8b3d-4f5a-9c7e-1d2b3a4c5d6e', 'messages'),
);

/** Under one of `prefixes`, a few more segments and maybe a query string. */
export function path(prefixes: readonly string[]): fc.Arbitrary<string> {
  const query = fc.option(fc.stringMatching(/^[A-Za-z0-9%=&._~+-]{0,40}$/).map((q) => `?${q}`), { nil: '' });
  return fc
    .tuple(fc.constantFrom(...prefixes), fc.array(segment, { maxLength: 3 }), query)
    .map(([prefix, segments, q]) => `${prefix}${segments.map((s) => `/${s}`).join('')}${q}`);
}

export const method = fc.oneof(
  { arbitrary: fc.constantFrom('GET', 'POST', 'PUT'), weight: 6 },
  { arbitrary: fc.constantFrom('DELETE', 'PATCH', 'OPTIONS', 'HEAD'), weight: 2 },
);

/** What a token may be: nothing, garbage, JWT-shaped garbage, or claims of any kind, correctly signed. */
export type TokenInput = { kind: 'raw'; value: string } | { kind: 'signed'; claims: Record<string, unknown> };

const claimValue = fc.oneof(
  jsonValue,
  fc.integer(),
  fc.constantFrom(9e15, 1e300, -1, 0, 253_402_300_800, Math.floor(Date.now() / 1000) + 600, 'access', 'refresh'),
);
const claims = fc.record(
  {
    sub: claimValue,
    email: claimValue,
    permissions: fc.oneof(fc.array(fc.string(), { maxLength: 4 }), claimValue),
    iat: claimValue,
    exp: claimValue,
    token_type: fc.oneof(fc.constantFrom('access', 'refresh'), claimValue),
    type: fc.oneof(fc.constantFrom('access', 'refresh'), claimValue),
    iss: fc.oneof(fc.constant('netra-auth-service'), claimValue),
    aud: fc.oneof(fc.constant('netra-platform'), claimValue),
    jti: claimValue,
  },
  { requiredKeys: [] },
);
const base64url = fc.stringMatching(/^[A-Za-z0-9_-]{0,120}$/);

export const token: fc.Arbitrary<TokenInput> = fc.oneof(
  { arbitrary: fc.stringMatching(/^[\x21-\x7e]{0,200}$/).map((value) => ({ kind: 'raw' as const, value })), weight: 2 },
  { arbitrary: fc.tuple(base64url, base64url, base64url).map(([a, b, c]) => ({ kind: 'raw' as const, value: `${a}.${b}.${c}` })), weight: 2 },
  { arbitrary: claims.map((c) => ({ kind: 'signed' as const, claims: c })), weight: 4 },
);

const clientType = fc.oneof(
  { arbitrary: fc.constantFrom('user_message', 'chat_message', 'start_agent', 'ping', 'pong', 'heartbeat_ack', 'heartbeat'), weight: 6 },
  { arbitrary: fc.string({ maxLength: 100 }), weight: 2 },
  { arbitrary: jsonValue, weight: 1 },
);
const threadId = fc.oneof(fc.uuid(), fc.constantFrom('test_1', '', 'thread_1_ab'), jsonValue);
const payload = fc.record(
  { content: jsonValue, text: jsonValue, user_request: jsonValue, thread_id: threadId, context: jsonValue, settings: jsonValue },
  { requiredKeys: [] },
);
const envelope = fc
  .record({ type: clientType, payload: fc.oneof(payload, jsonValue), data: payload, content: jsonValue, thread_id: threadId, timestamp: jsonValue }, { requiredKeys: ['type'] })
  .map((o) => JSON.stringify(o));

/** A deep or big part where the platform copies it onward: `context`, `content`, the type itself. */
const hostileEnvelope = fc.oneof(
  fc.tuple(depth, fc.boolean()).map(([d, array]) => `{"type":"user_message","payload":{"content":"hello","context":${nestedText(d, array)}}}`),
  fc.integer({ min: 30_000, max: 300_000 }).map((n) => JSON.stringify({ type: 'user_message', payload: { content: 'y'.repeat(n) } })),
  fc.integer({ min: 10_000, max: 100_000 }).map((n) => JSON.stringify({ type: 'start_agent', payload: { user_request: 'hi', context: { blob: 'z'.repeat(n) } } })),
  fc.integer({ min: 50, max: 200_000 }).map((n) => JSON.stringify({ type: 'q'.repeat(n) })),
  fc.integer({ min: 50, max: 200_000 }).map((n) => JSON.stringify({ type: 'ping', timestamp: 't'.repeat(n) })),
);

/** A socket frame: text of any kind or bytes, always under the 1 MiB frame limit (which closes with 1009). */
export type FrameInput = { binary: false; text: string } | { binary: true; bytes: Buffer };

export const frame: fc.Arbitrary<FrameInput> = fc.oneof(
  { arbitrary: envelope.map((text) => ({ binary: false as const, text })), weight: 6 },
  { arbitrary: fc.json({ maxDepth: 5 }).map((text) => ({ binary: false as const, text })), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 500 }).map((text) => ({ binary: false as const, text })), weight: 1 },
  { arbitrary: hostileEnvelope.map((text) => ({ binary: false as const, text })), weight: 2 },
  { arbitrary: deepJson.map((text) => ({ binary: false as const, text })), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 1_000 }).map((bytes) => ({ binary: true as const, bytes: Buffer.from(bytes) })), weight: 1 },
);
