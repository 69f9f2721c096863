import { errorCodeOf, errorTextOf, type NormalisedFrame } from './events';
import { GoldenPathFailure } from './failure-classes';
import { classifyConnect, describeFrames } from './socket-outcome';

/**
 * The unhappy paths of contracts 3, 4 and 4.2, with the answers the contract accepts. Anything
 * else fails with the class that names what broke: a credential the socket should refuse but
 * accepts is AUTH_FAILED (a security failure, not a rejection), a 1011 is WS_SERVER_ERROR, a
 * run on another user's thread is ISOLATION_BREACH, silence is AGENT_NO_EVENTS. Pure: the probe
 * and the socket client report what they saw, these functions decide what it means.
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

/**
 * The refusals the contract accepts (sections 4 and 8): an HTTP 401 or 403 instead of 101
 * ("rejected before accept"), or, after accept, "`AUTH_FAILED` frame and/or close 1008": the
 * frame in any of the three error shapes, the close, or both.
 */
export const REFUSAL = 'HTTP 401/403 on the upgrade, an AUTH_FAILED error frame, or close 1008';

const REFUSED_STATUSES = new Set([401, 403]);

/** Undefined when the socket refused `credential` in a way the contract accepts; else the failure. */
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
  if (seen.close?.code === 1011) {
    return new GoldenPathFailure('WS_SERVER_ERROR', `${url} closed with 1011 "${seen.close.reason}" when offered ${credential}, instead of refusing it (${REFUSAL}); frames received: ${frames}`);
  }
  if (seen.frames.some((f) => errorCodeOf(f) === 'AUTH_FAILED') || seen.close?.code === 1008) return undefined;
  if (seen.close) {
    const { code, reason } = seen.close;
    return new GoldenPathFailure('WS_CLOSED_EARLY', `${url} closed with ${code} "${reason}" when offered ${credential}, without refusing it (${REFUSAL}); frames received: ${frames}`);
  }
  return new GoldenPathFailure(
    'WS_NO_WELCOME',
    `${url} accepted the socket offered ${credential} and then neither refused it (${REFUSAL}) nor welcomed it within ${seen.budgetMs} ms; frames received: ${frames}`,
  );
}

export interface AnswerVerdict {
  failure?: GoldenPathFailure;
  warning?: string;
}

/** One question asked on an open socket, and the answers the contract accepts. */
export interface FrameExpectation {
  /** The accepted answer, for messages. */
  readonly expected: string;
  /** Frames that settle the question, whether right or wrong. */
  settles(frame: NormalisedFrame): boolean;
  /** The failure, or a SHOULD that did not hold (a warning), or neither when `frame` is the answer. */
  judge(frame: NormalisedFrame): AnswerVerdict;
  /** Nothing settled the question within `timeoutMs`: a failure, or a warning when silence is tolerated. */
  silence(timeoutMs: number, frames: readonly NormalisedFrame[]): AnswerVerdict;
  /** The class of a close before the answer, when it is not the close's own (contract section 4). */
  closed?(code: number, reason: string, frames: readonly NormalisedFrame[]): GoldenPathFailure;
}

const isAnswer = (f: NormalisedFrame) => f.kind === 'error' || f.kind === 'critical' || f.kind === 'agent_error';
export const shown = (f: NormalisedFrame) => `${f.type}${errorTextOf(f) ? ` "${errorTextOf(f)}"` : ''}${errorCodeOf(f) ? ` (${errorCodeOf(f)})` : ''}`;

export const ACCESS_DENIED = 'Access denied to thread';

/**
 * Contract 4.2: a message on another user's thread gets `{"type":"error","message":"Access
 * denied to thread"}` (in any of the three error shapes). Another error text still refuses the
 * message, so it is a warning naming the text; a run on the owner's thread is the breach.
 */
export function accessDeniedExpectation(threadId: string, owner: string): FrameExpectation {
  const expected = `error "${ACCESS_DENIED}"`;
  return {
    expected,
    settles: isAnswer,
    judge(frame) {
      if (frame.kind !== 'error') {
        return {
          failure: new GoldenPathFailure(
            'ISOLATION_BREACH',
            `the platform started an agent run on ${owner}'s thread ${threadId} for another user instead of answering ${expected}; frame: ${JSON.stringify(frame.raw)}`,
          ),
        };
      }
      if (errorTextOf(frame)?.trim() === ACCESS_DENIED) return {};
      return { warning: `a message on another user's thread was refused with ${shown(frame)}, not ${expected} (contract section 4.2)` };
    },
    silence(timeoutMs, frames) {
      // Nothing came back at all: the message went nowhere, which is what AGENT_NO_EVENTS names.
      return {
        failure: new GoldenPathFailure(
          'AGENT_NO_EVENTS',
          `no answer within ${timeoutMs} ms to another user's message on ${owner}'s thread ${threadId}; the contract's answer is ${expected}; frames received: ${describeFrames(frames)}`,
        ),
      };
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
