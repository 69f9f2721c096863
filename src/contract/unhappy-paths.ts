import { errorCodeOf, errorTextOf, type NormalisedFrame } from './events';
import { GoldenPathFailure } from './failure-classes';
import { classifyConnect, describeFrames } from './socket-outcome';

/**
 * The unhappy paths of contracts 3, 4 and 4.2, each with exactly one accepted answer. Anything
 * else fails with the class that names what broke: a credential the socket should refuse but
 * accepts is AUTH_FAILED (a security failure, not a rejection), a 1011 is WS_SERVER_ERROR, a
 * foreign thread that is run or answered otherwise is ISOLATION_BREACH, silence is AGENT_NO_EVENTS. Pure: the probe and the socket client
 * report what they saw, these functions decide what it means.
 */

/** What a client saw when it offered a credential the socket must refuse. */
export interface RefusalObservation {
  tcpError?: { code: string | undefined; message: string };
  /** An HTTP status instead of 101, with the start of its body. */
  http?: { status: number; bodyExcerpt: string };
  /** 101 Switching Protocols arrived. */
  upgraded: boolean;
  frames: readonly NormalisedFrame[];
  close?: { code: number; reason: string };
  /** The probe's budget ran out before the socket was refused or accepted. */
  timedOut: boolean;
  budgetMs: number;
}

/** The one refusal the contract allows: 401/403 on the upgrade, or an AUTH_FAILED frame then close 1008. */
export const REFUSAL = "HTTP 401/403 on the upgrade, or an error_message AUTH_FAILED frame followed by close 1008";

const REFUSED_STATUSES = new Set([401, 403]);

/** Undefined when the socket refused `credential` the one way the contract allows; else the failure. */
export function judgeSocketRefusal(url: string, credential: string, seen: RefusalObservation): GoldenPathFailure | undefined {
  const frames = describeFrames(seen.frames);
  if (seen.tcpError) return classifyConnect(url, { what: 'tcp-error', ...seen.tcpError });
  if (seen.http) {
    if (REFUSED_STATUSES.has(seen.http.status)) return undefined;
    return new GoldenPathFailure(
      'WS_UPGRADE_REJECTED',
      `upgrade to ${url} with ${credential} answered HTTP ${seen.http.status}; a refusal is ${REFUSAL}${seen.http.bodyExcerpt ? `; body: ${seen.http.bodyExcerpt}` : ''}`,
    );
  }
  if (!seen.upgraded) return classifyConnect(url, { what: 'no-101', budgetMs: seen.budgetMs });
  const welcome = seen.frames.find((f) => f.kind === 'welcome');
  if (welcome) {
    return new GoldenPathFailure(
      'AUTH_FAILED',
      `${url} ACCEPTED ${credential}: it answered ${welcome.type} instead of refusing it (${REFUSAL}); anyone holding such a token gets a session. Frames received: ${frames}`,
    );
  }
  const authFrame = seen.frames.find((f) => errorCodeOf(f) === 'AUTH_FAILED');
  if (seen.close) {
    const { code, reason } = seen.close;
    if (code === 1008 && authFrame) return undefined;
    if (code === 1011) {
      return new GoldenPathFailure('WS_SERVER_ERROR', `${url} closed with 1011 "${reason}" when offered ${credential}, instead of refusing it (${REFUSAL}); frames received: ${frames}`);
    }
    const missing = code === 1008 ? 'without the error_message AUTH_FAILED frame that tells the client why' : `instead of 1008${authFrame ? ' after its AUTH_FAILED frame' : ''}`;
    return new GoldenPathFailure('WS_CLOSED_EARLY', `${url} closed with ${code} "${reason}" ${missing} when offered ${credential}; frames received: ${frames}`);
  }
  if (authFrame) {
    return new GoldenPathFailure(
      'AUTH_FAILED',
      `${url} sent AUTH_FAILED for ${credential} but kept the socket open for ${seen.budgetMs} ms; a refused socket must close with 1008. Frames received: ${frames}`,
    );
  }
  return new GoldenPathFailure(
    'WS_NO_WELCOME',
    `${url} accepted the socket offered ${credential} and then neither refused it nor welcomed it within ${seen.budgetMs} ms; frames received: ${frames}`,
  );
}

/** One question asked on an open socket, and its one accepted answer. */
export interface FrameExpectation {
  /** The accepted answer, for messages. */
  readonly expected: string;
  /** Frames that settle the question, whether right or wrong. */
  settles(frame: NormalisedFrame): boolean;
  /** Undefined when `frame` is the accepted answer, else the failure. */
  judge(frame: NormalisedFrame): GoldenPathFailure | undefined;
  /** Nothing settled the question within `timeoutMs`. */
  silence(timeoutMs: number, frames: readonly NormalisedFrame[]): GoldenPathFailure;
}

const isAnswer = (f: NormalisedFrame) => f.kind === 'error' || f.kind === 'critical' || f.kind === 'agent_error';
const shown = (f: NormalisedFrame) => `${f.type}${errorTextOf(f) ? ` "${errorTextOf(f)}"` : ''}${errorCodeOf(f) ? ` (${errorCodeOf(f)})` : ''}`;

export const ACCESS_DENIED = 'Access denied to thread';

/** Contract 4.2: a message on another user's thread gets `{"type":"error","message":"Access denied to thread"}`. */
export function accessDeniedExpectation(threadId: string, owner: string): FrameExpectation {
  const expected = `error "${ACCESS_DENIED}"`;
  return {
    expected,
    settles: isAnswer,
    judge(frame) {
      if (frame.kind === 'error' && errorTextOf(frame)?.trim() === ACCESS_DENIED) return undefined;
      if (frame.kind !== 'error') {
        return new GoldenPathFailure(
          'ISOLATION_BREACH',
          `the platform started an agent run on ${owner}'s thread ${threadId} for another user instead of answering ${expected}; frame: ${JSON.stringify(frame.raw)}`,
        );
      }
      return new GoldenPathFailure(
        'ISOLATION_BREACH',
        `a message on ${owner}'s thread ${threadId} from another user was answered ${shown(frame)}, not ${expected}: the owner check did not answer as contract 4.2 says; frame: ${JSON.stringify(frame.raw)}`,
      );
    },
    silence(timeoutMs, frames) {
      // Nothing came back at all: the message went nowhere, which is what AGENT_NO_EVENTS names.
      return new GoldenPathFailure(
        'AGENT_NO_EVENTS',
        `no answer within ${timeoutMs} ms to another user's message on ${owner}'s thread ${threadId}; the contract's only answer is ${expected}; frames received: ${describeFrames(frames)}`,
      );
    },
  };
}

/** Contract 4: an invalid JSON frame gets an `error_message` with `error_code` JSON_PARSE_ERROR. */
export function parseErrorExpectation(url: string): FrameExpectation {
  const expected = 'error_message JSON_PARSE_ERROR';
  return {
    expected,
    // Errors go only to the socket that caused them; agent events may be another tab's run
    // of the same user (contract 4.2), so they never settle this question.
    settles: (f) => f.kind === 'error',
    judge(frame) {
      if (errorCodeOf(frame) === 'JSON_PARSE_ERROR') return undefined;
      return new GoldenPathFailure(
        'WS_SERVER_ERROR',
        `${url} answered an invalid JSON frame with ${shown(frame)} instead of ${expected}: its message handler mistook or mishandled the frame; frame: ${JSON.stringify(frame.raw)}`,
      );
    },
    silence(timeoutMs, frames) {
      return new GoldenPathFailure(
        'WS_SERVER_ERROR',
        `${url} sent no ${expected} within ${timeoutMs} ms of an invalid JSON frame: its message handler swallowed it; frames received: ${describeFrames(frames)}`,
      );
    },
  };
}

/**
 * The same token with one bit of its signature flipped: header and claims stay genuine, so
 * only a server that really verifies signatures refuses it (contract 3: "a wrong signature …
 * [is] rejected"). The suite still never mints a token: it damages one the service issued.
 */
export function withForgedSignature(token: string): string {
  const [header, claims, signature] = token.split('.');
  if (header === undefined || claims === undefined || !signature) throw new Error('not a JWT: expected header.claims.signature');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return `${header}.${claims}.${bytes.toString('base64url')}`;
}
