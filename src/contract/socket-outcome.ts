import { errorCodeOf, type NormalisedFrame } from './events';
import { GoldenPathFailure } from './failure-classes';

/**
 * Tells socket failures apart exactly as the table of contract section 4 does. Pure: the
 * socket client reports what it saw, this decides what it means.
 */
export type ConnectObservation =
  | { what: 'tcp-error'; code: string | undefined; message: string }
  | { what: 'http-status'; status: number; bodyExcerpt: string }
  | { what: 'no-101'; budgetMs: number }
  | { what: 'protocol'; offered: string[]; accepted: string | undefined; message: string }
  | { what: 'no-first-frame'; budgetMs: number; frames: NormalisedFrame[] }
  | { what: 'closed'; code: number; reason: string; frames: NormalisedFrame[] }
  | { what: 'auth-frame'; frame: NormalisedFrame };

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

export function classifyConnect(url: string, seen: ConnectObservation): GoldenPathFailure {
  switch (seen.what) {
    case 'tcp-error':
      if (seen.code && UNREACHABLE_CODES.has(seen.code)) {
        return new GoldenPathFailure('WS_UNREACHABLE', `could not reach ${url}: ${seen.code} (${seen.message})`);
      }
      return new GoldenPathFailure('WS_UNREACHABLE', `connecting to ${url} failed: ${seen.message}`);
    case 'http-status':
      return new GoldenPathFailure(
        'WS_UPGRADE_REJECTED',
        `upgrade to ${url} answered HTTP ${seen.status} instead of 101${seen.bodyExcerpt ? `; body: ${seen.bodyExcerpt}` : ''}`,
      );
    case 'no-101':
      return new GoldenPathFailure('WS_HANDSHAKE_TIMEOUT', `no 101 Switching Protocols from ${url} within ${seen.budgetMs} ms`);
    case 'protocol':
      return new GoldenPathFailure(
        'WS_PROTOCOL_MISMATCH',
        `${url} answered 101 with subprotocol ${seen.accepted ? `"${shortProtocol(seen.accepted)}"` : '(none)'}; offered ${seen.offered
          .map((p) => `"${shortProtocol(p)}"`)
          .join(', ')} (${seen.message})`,
      );
    case 'no-first-frame':
      return new GoldenPathFailure(
        'WS_NO_WELCOME',
        `${url} accepted the socket but sent no connection_established within ${seen.budgetMs} ms; frames received: ${describeFrames(seen.frames)}`,
      );
    case 'auth-frame':
      return new GoldenPathFailure(
        'WS_AUTH_REJECTED',
        `${url} refused a token the auth service had just issued: ${JSON.stringify(seen.frame.raw)}`,
      );
    case 'closed':
      return classifyClose(url, seen.code, seen.reason, seen.frames, 'before the welcome frame');
  }
}

/** A close before the run completes: 1011 and 1008 have classes of their own. */
export function classifyClose(
  url: string,
  code: number,
  reason: string,
  frames: NormalisedFrame[],
  when: string,
): GoldenPathFailure {
  const received = describeFrames(frames);
  const authFrame = frames.find((f) => errorCodeOf(f) === 'AUTH_FAILED');
  if (code === 1011) {
    return new GoldenPathFailure('WS_SERVER_ERROR', `${url} closed with 1011 (internal error) ${when}; reason "${reason}"; frames received: ${received}`);
  }
  if (code === 1008 || authFrame) {
    return new GoldenPathFailure(
      'WS_AUTH_REJECTED',
      `${url} closed with ${code} "${reason}" ${when}${authFrame ? ` after ${JSON.stringify(authFrame.raw)}` : ''}; frames received: ${received}`,
    );
  }
  return new GoldenPathFailure('WS_CLOSED_EARLY', `${url} closed with ${code} "${reason}" ${when}; frames received: ${received}`);
}

export function describeFrames(frames: readonly NormalisedFrame[]): string {
  if (frames.length === 0) return '(none)';
  const types = frames.map((f) => f.type || f.kind);
  return types.length > 12 ? `${types.slice(0, 12).join(', ')} … (${types.length} in all)` : types.join(', ');
}

/** `jwt.<token>` is a credential: only its first characters may appear in a message. */
export function shortProtocol(protocol: string): string {
  return protocol.startsWith('jwt.') ? `jwt.${protocol.slice(4, 8)}…` : protocol;
}
