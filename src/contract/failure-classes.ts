/**
 * The failure classes of contract section 8. Every failure the suite reports starts with one
 * of these in brackets, so that people, Allure categories and scripts sort failures alike.
 */
export const FAILURE_CLASSES = {
  CONFIG_INVALID: {
    stage: 'start-up',
    meaning: 'the environment file or a secret is missing or malformed',
    causes: 'a variable missing from env/<name>.env or the process environment; a secret not exported in CI; locally, a reference platform that cannot start (its last words follow)',
  },
  FRONTEND_UNAVAILABLE: {
    stage: 'frontend',
    meaning: 'no answer or 5xx on the frontend',
    causes: 'the frontend service is down or crash-looping; the load balancer has no healthy backend for it',
  },
  FRONTEND_BROKEN: {
    stage: 'frontend',
    meaning: "page error, failed asset, a refused call to the platform's origins, or the chat page never became ready",
    causes:
      'a broken bundle (uncaught TypeError), a missing asset after a deploy, a placeholder OAuth client id, a Content-Security-Policy or CORS setting not updated when a domain changed (the message names the refused URL and the browser\'s reason), a page that sends the message elsewhere than its socket (the message lists the requests it made instead, with their statuses)',
  },
  AUTH_UNHEALTHY: {
    stage: 'auth',
    meaning: 'auth health 503 or unhealthy',
    causes: 'the auth service lost its database, or is still starting up',
  },
  AUTH_FAILED: {
    stage: 'auth',
    meaning: "no token by the environment's way, or the service refuses its own token",
    causes: 'wrong credentials or bypass key in the secrets; E2E bypass not configured on the deployment; JWT secret mismatch between instances',
  },
  BACKEND_UNHEALTHY: {
    stage: 'health',
    meaning: '/health, /health/ready or /api/health failing',
    causes: 'start-up failed or is still in progress; Postgres unreachable; a required dependency down',
  },
  WS_UNREACHABLE: {
    stage: 'socket',
    meaning: 'connection refused or DNS failure',
    causes: 'the backend is not listening; wrong WS_URL host or port; DNS record missing',
  },
  WS_UPGRADE_REJECTED: {
    stage: 'socket',
    meaning: 'an HTTP status instead of 101',
    causes: '404: the load balancer has no route for the socket path, or the backend build lacks the socket route; 403: rejected before accept (auth or origin); 502/503: the proxy has no healthy backend or does not support upgrades',
  },
  WS_HANDSHAKE_TIMEOUT: {
    stage: 'socket',
    meaning: 'no 101 within budget',
    causes: 'a proxy or load balancer that swallows upgrade requests; the backend event loop blocked; a firewall dropping the connection',
  },
  WS_PROTOCOL_MISMATCH: {
    stage: 'socket',
    meaning: 'offered subprotocol not echoed',
    causes: 'the backend does not select the jwt.<token> subprotocol (browsers then drop the connection); a proxy stripping Sec-WebSocket-Protocol',
  },
  WS_NO_WELCOME: {
    stage: 'socket',
    meaning: 'no connection_established within budget',
    causes: 'the backend accepted but its connection handler hangs (auth service call, factory initialisation)',
  },
  WS_AUTH_REJECTED: {
    stage: 'socket',
    meaning: 'AUTH_FAILED frame and/or close 1008 for a valid token',
    causes: 'backend and auth service disagree on the JWT secret, issuer or audience; the backend cannot reach the auth service to validate',
  },
  WS_SERVER_ERROR: {
    stage: 'socket',
    meaning: 'close 1011',
    causes: 'an exception in the backend after accept (message router, agent factory, missing dependency)',
  },
  WS_CLOSED_EARLY: {
    stage: 'socket',
    meaning: 'any other close before the run ends',
    causes: 'an idle timeout on a proxy, a backend restart, a connection limit',
  },
  AGENT_NO_EVENTS: {
    stage: 'agent',
    meaning: 'nothing within the first-event budget',
    causes: 'the message was not routed to an agent (unknown type, thread rejected), or the agent supervisor is down',
  },
  AGENT_EVENT_MISSING: {
    stage: 'agent',
    meaning: 'run ended without one of the five',
    causes: 'an event emitter not wired (tool dispatcher without a notifier), a refactor that dropped an event',
  },
  AGENT_EVENT_ORDER: {
    stage: 'agent',
    meaning: 'sequence rule broken',
    causes: 'events sent from concurrent tasks without ordering; a tool notifier firing before the tool starts',
  },
  AGENT_STALLED: {
    stage: 'agent',
    meaning: 'events stopped before agent_completed',
    causes: 'the LLM call or a tool hangs; the run was lost when a worker restarted; agent_completed never emitted',
  },
  AGENT_ERROR: {
    stage: 'agent',
    meaning: 'an agent_error event',
    causes: 'the LLM provider failed (quota, key), a tool raised, the agent hit its own time limit',
  },
  ISOLATION_BREACH: {
    stage: 'agent',
    meaning: 'a frame for another user, thread or run',
    causes: 'events broadcast to all sockets instead of the run owner; a shared (singleton) emitter keyed wrongly',
  },
  UI_NO_RESPONSE: {
    stage: 'frontend',
    meaning: 'events arrived, the page did not show the answer',
    causes: 'the page renders only the completion notice and shows the answer after a reload; a reducer that drops the final event',
  },
  CONVERSATION_NOT_SAVED: {
    stage: 'agent',
    meaning: "the thread's messages lack the user's message or the answer",
    causes: 'the run result is not persisted to the thread; a write to the message store failing silently',
  },
  SLA_EXCEEDED: {
    stage: 'any',
    meaning: 'a hard budget exceeded (soft: a warning only)',
    causes: 'a slow dependency (LLM, database), cold starts, an overloaded instance',
  },
  NOT_REALLY_EXECUTED: {
    stage: 'any',
    meaning: 'under its floor or without evidence; or golden tests skipped or missing',
    causes: 'a stubbed or short-circuited test, a platform answering with canned data, a filter or test.only that dropped golden tests',
  },
} as const;

export type FailureClass = keyof typeof FAILURE_CLASSES;

export const FAILURE_CLASS_NAMES = Object.keys(FAILURE_CLASSES) as FailureClass[];

/** Failure classes that mean "the platform is broken" rather than "too slow" or "the suite is wrong". */
export const SUITE_PROBLEM_CLASSES: readonly FailureClass[] = ['CONFIG_INVALID', 'NOT_REALLY_EXECUTED'];

/** An error whose message starts with its contract class and carries its evidence: `[WS_SERVER_ERROR] …`. */
export class GoldenPathFailure extends Error {
  constructor(
    readonly failureClass: FailureClass,
    detail: string,
  ) {
    super(`[${failureClass}] ${detail}`);
    this.name = 'GoldenPathFailure';
  }
}

/** Also matches Playwright's rendering of a thrown error: "GoldenPathFailure: [X] …", "Error: [X] …". */
const CLASS_PREFIX = /^\s*(?:[A-Za-z]+:\s*)?\[([A-Z_]+)\]/;

/** Reads the class back from any message (also from Playwright's "Error: [X] …" rendering). */
export function failureClassOf(message: string | undefined): FailureClass | undefined {
  const name = message?.match(CLASS_PREFIX)?.[1];
  return name && name in FAILURE_CLASSES ? (name as FailureClass) : undefined;
}

/** The message after its class: "GoldenPathFailure: [X] detail" → "detail". */
export function withoutClass(message: string): string {
  return message.replace(new RegExp(`${CLASS_PREFIX.source}\\s*`), '');
}
