/**
 * Every bound the reference platform puts on what a client sends, in one place: docs/reference-platform.md
 * (Limits) lists them with what a client gets past each. A local stand-in must
 * survive a buggy or hostile client as the real platform does, so nothing a client sends is
 * kept, copied or answered without one of these.
 */
export const LIMITS = {
  /** HTTP request body; past it 413 (the body is drained, not cut, so the answer arrives). */
  maxBodyBytes: 1024 * 1024,
  /** Socket frame, `/ws/config` `max_message_size` (contract section 2); past it close 1009. */
  maxFrameBytes: 1024 * 1024,
  /** Nesting of any JSON document a client sends (body or frame); past it 422 or MESSAGE_TOO_DEEP. */
  maxJsonDepth: 32,
  /** A thread's title; past it 422. */
  maxTitleChars: 256,
  /** A thread's `metadata`, as JSON; past it 422. */
  maxMetadataBytes: 8 * 1024,
  /** A message's text on the socket; past it MESSAGE_TOO_LARGE and no run. */
  maxContentChars: 32 * 1024,
  /** A message's `context`, as JSON, which `agent_started` carries back; past it MESSAGE_TOO_LARGE. */
  maxContextBytes: 16 * 1024,
  /** A client message `type`, which an `ack` names back; past it an error frame. */
  maxTypeChars: 64,
  /** Frames held while the token is checked (the page may send before the welcome, section 5). */
  maxPendingFrames: 64,
  maxPendingBytes: 1024 * 1024,
  /** Output a client has not read yet; past it close 1013, because it would only grow. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** Agent runs of one user at the same time; past it an error frame and no run. */
  maxRunsPerUser: 32,
  /** The in-memory thread store; past either, the least recently used threads are forgotten. */
  maxStoredThreads: 10_000,
  maxStoredBytes: 64 * 1024 * 1024,
  /** An e2e bypass email (RFC 5321: 254 in all, 64 before the @); past it 422. */
  maxEmailChars: 254,
  maxLocalPartChars: 64,
  maxNameChars: 256,
  maxPermissions: 32,
  maxPermissionChars: 64,
  /** A JWT; a longer string is not one the auth service issued. */
  maxTokenChars: 16 * 1024,
  /** Latest `exp` or `iat` a token may carry: 9999-12-31T23:59:59Z, the last ISO 8601 instant. */
  maxUnixSeconds: 253_402_300_799,
  /** How long a socket has to answer the close frame at shutdown before it is cut. */
  closeGraceMs: 1000,
} as const;
