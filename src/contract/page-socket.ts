import type { NormalisedFrame } from './events';
import { GoldenPathFailure } from './failure-classes';
import { classifyClose } from './socket-outcome';

/**
 * The page's own socket, as the browser stage sees it through Playwright (contract sections 4
 * and 5), as pure rules: which client frame is the chat message, and why the page did not get
 * its message onto its socket. The observer (fixtures/page-socket-observer.ts) records; these decide.
 */
export interface SentChatMessage {
  type: string;
  content: string;
  threadId: string;
}

const CHAT_TYPES = new Set(['start_agent', 'user_message', 'chat_message']);

/** The message the page sent, if `text` is one: `start_agent`, `user_message` or `chat_message`, with or without `payload` (section 4). */
export function sentChatMessage(text: string): SentChatMessage | undefined {
  let frame: { type?: unknown; payload?: unknown } & Record<string, unknown>;
  try {
    frame = JSON.parse(text) as typeof frame;
  } catch {
    return undefined;
  }
  if (typeof frame?.type !== 'string' || !CHAT_TYPES.has(frame.type)) return undefined;
  const body = (frame.payload && typeof frame.payload === 'object' ? frame.payload : frame) as Record<string, unknown>;
  const content = [body.user_request, body.content, body.text].find((v): v is string => typeof v === 'string');
  const threadId = typeof body.thread_id === 'string' ? body.thread_id : undefined;
  return content !== undefined && threadId ? { type: frame.type, content, threadId } : undefined;
}

/** A request the page made, as the browser finished it. */
export interface PageRequest {
  method: string;
  url: string;
  status?: number;
  /** The browser's reason when it got no response (`net::ERR_…`). */
  failure?: string;
}

export function describeRequests(requests: readonly PageRequest[]): string {
  if (requests.length === 0) return 'it made no request to the platform either';
  const list = requests.slice(0, 8).map((r) => `${r.method} ${r.url} → ${r.status !== undefined ? `HTTP ${r.status}` : (r.failure ?? 'no answer')}`);
  return `instead it made ${list.join(', ')}${requests.length > 8 ? ` … (${requests.length} in all)` : ''}`;
}

export interface PageSocketObservation {
  /** The page's socket URL (the last one it opened, else the environment's). */
  url: string;
  /** Playwright's `socketerror` texts, in order. */
  errors: readonly string[];
  closed: { code: number; reason: string } | undefined;
  /** How many sockets to the environment's socket URL the page opened. */
  sockets: number;
  sentAny: boolean;
  frames: readonly NormalisedFrame[];
  /** The platform requests the page made after the message was sent. */
  requestsAfterSend: readonly PageRequest[];
}

/** Why the page did not get the message onto its socket within `waitedMs`, as its contract class. */
export function pageSocketProblem(seen: PageSocketObservation, waitedMs: number): GoldenPathFailure {
  const { url } = seen;
  const upgrade = seen.errors.map((e) => e.match(/response code:?\s*(\d{3})/i)).find(Boolean);
  if (upgrade) return new GoldenPathFailure('WS_UPGRADE_REJECTED', `the page's socket to ${url} was answered HTTP ${upgrade[1]} instead of 101`);
  if (seen.errors.length) return new GoldenPathFailure('WS_UNREACHABLE', `the page's socket to ${url} failed: ${seen.errors.join(' | ')}`);
  if (seen.closed) return classifyClose(url, seen.closed.code, seen.closed.reason, [...seen.frames], 'before the message was sent');
  const instead = describeRequests(seen.requestsAfterSend);
  if (seen.sockets === 0) return new GoldenPathFailure('FRONTEND_BROKEN', `the page never opened its socket to ${url}; after the message was typed, ${instead}`);
  if (!seen.sentAny && seen.frames.length === 0) {
    // An open socket lets the page send (it may send before the welcome, contract section 5).
    return new GoldenPathFailure('WS_HANDSHAKE_TIMEOUT', `the page's socket to ${url} did not open within ${waitedMs} ms; the message stayed queued`);
  }
  return new GoldenPathFailure('FRONTEND_BROKEN', `the page did not send the message on its socket to ${url} within ${waitedMs} ms; ${instead}`);
}
