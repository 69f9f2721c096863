import type { FailureClass } from '../../src/contract/failure-classes';

/**
 * The fault matrix: each fault of the reference platform, the class the golden path must
 * report, and the stages where it must report it. Every stage not named must pass. `mayFail`
 * names stages whose outcome depends on timing (e.g. a leak is only visible while another
 * user's run overlaps), and the only class they may fail with. docs/reference-platform.md shows this table.
 */
export interface FaultCase {
  fault: string;
  /** `PLATFORM_VARIANTS`: a healthy variant, alone or beside a fault. */
  variants?: string;
  /** What the fault imitates, for docs/reference-platform.md and the test title. */
  imitates: string;
  fail: Partial<Record<string, FailureClass>>;
  mayFail?: Partial<Record<string, FailureClass>>;
  /** Warnings the run must carry (a SHOULD that a healthy variant does not meet). */
  warnings?: RegExp[];
  /**
   * The contract drift the run must report, exactly (`<kind> <name>`, src/verdict/contract-drift.ts):
   * what the platform sent that the contract does not list. None when unset: the reference
   * platform's faults break the golden path, not the shapes of what it sends.
   */
  drift?: string[];
  /** What the failure message of a stage must name (the evidence), beside its class. */
  evidence?: Partial<Record<string, RegExp>>;
  /** Every failed step must have failed within this many ms (a budget plus 2 s); default its own hard budget plus 2 s. */
  failWithinMs?: number;
  /** The golden path's project; a project other than local is aimed at the platform by URL overrides. */
  project?: 'local' | 'staging';
  /** Used without the matrix's tightened budgets (a platform paced like a real model). */
  contractBudgets?: boolean;
  env?: Record<string, string>;
}

/** Budgets the matrix tightens (only tightening is allowed from the process environment) so that hangs fail in seconds. */
export const TIGHT_BUDGETS = {
  BUDGET_WS_CONNECT_HARD_MS: '2000',
  BUDGET_FIRST_EVENT_HARD_MS: '3000',
  BUDGET_EVENT_GAP_HARD_MS: '3000',
};

/** A hang fails within its budget plus this (contract sections 6 and 7: every wait has a deadline). */
export const HANG_MARGIN_MS = 2_000;

/** A broken socket or agent breaks every stage that chats: one user, the browser, many users, the unhappy paths. */
const socketStages = (cls: FailureClass) => ({ socket: cls, browser: cls, users: cls, unhappy: cls });

export const FAULT_MATRIX: FaultCase[] = [
  // The reference platform sends what the contract lists, nothing more: no drift at all (the default of every case).
  { fault: '', imitates: 'a healthy platform', fail: {} },
  { fault: 'api-health-degraded', imitates: 'a degraded optional dependency (ClickHouse slow)', fail: {}, warnings: [/clickhouse is degraded/] },
  {
    fault: 'frontend-contract-only',
    imitates: 'the real page: no optional test ids, answer as a plain message, token injected in localStorage',
    fail: {},
    env: { AUTH_MODE: 'e2e-bypass' },
  },
  { fault: 'health-503', imitates: 'staging answering 503 "Startup failed"', fail: { health: 'BACKEND_UNHEALTHY' } },
  { fault: 'auth-unhealthy', imitates: 'the auth service losing its database', fail: { auth: 'AUTH_UNHEALTHY' } },
  {
    fault: 'login-401',
    imitates: 'credentials or bypass key refused',
    fail: { frontend: 'AUTH_FAILED', auth: 'AUTH_FAILED', ...socketStages('AUTH_FAILED') },
  },
  { fault: 'ws-404', imitates: 'the load balancer without a /ws route', fail: socketStages('WS_UPGRADE_REJECTED') },
  { fault: 'ws-handshake-hang', imitates: 'a proxy swallowing the upgrade', fail: socketStages('WS_HANDSHAKE_TIMEOUT') },
  { fault: 'ws-auth-reject', imitates: 'backend and auth disagreeing on the JWT secret', fail: socketStages('WS_AUTH_REJECTED') },
  { fault: 'ws-1011', imitates: 'an exception after accept: close 1011', fail: socketStages('WS_SERVER_ERROR') },
  { fault: 'no-welcome', imitates: 'a connection handler that hangs after accept', fail: socketStages('WS_NO_WELCOME') },
  { fault: 'no-events', imitates: 'messages routed nowhere', fail: socketStages('AGENT_NO_EVENTS') },
  { fault: 'drop-event:agent_started', imitates: 'an emitter not wired for agent_started', fail: socketStages('AGENT_EVENT_MISSING') },
  { fault: 'drop-event:tool_completed', imitates: 'a tool dispatcher without a notifier', fail: socketStages('AGENT_EVENT_MISSING') },
  { fault: 'drop-event:agent_completed', imitates: 'a run that never says it is done', fail: socketStages('AGENT_STALLED') },
  { fault: 'reorder-tools', imitates: 'events sent from concurrent tasks', fail: socketStages('AGENT_EVENT_ORDER') },
  { fault: 'stall', imitates: 'an LLM call that hangs mid-run', fail: socketStages('AGENT_STALLED') },
  { fault: 'agent-error', imitates: 'the LLM provider failing', fail: socketStages('AGENT_ERROR') },
  {
    fault: 'cross-user-leak',
    imitates: "events broadcast to every user's socket",
    // The multi-user test always sees it; the dev user's own tests see it only when a crowd
    // run overlaps theirs.
    fail: { users: 'ISOLATION_BREACH' },
    mayFail: { socket: 'ISOLATION_BREACH', browser: 'ISOLATION_BREACH', unhappy: 'ISOLATION_BREACH' },
  },
  { fault: 'instant-agent', imitates: 'a platform answering in 0 ms with canned events', fail: socketStages('NOT_REALLY_EXECUTED') },
  { fault: 'frontend-500', imitates: 'a crashed frontend server', fail: { frontend: 'FRONTEND_UNAVAILABLE', browser: 'FRONTEND_UNAVAILABLE' } },
  { fault: 'frontend-page-error', imitates: 'a broken bundle (uncaught TypeError)', fail: { frontend: 'FRONTEND_BROKEN', browser: 'FRONTEND_BROKEN' } },
  { fault: 'ui-no-response', imitates: 'the September 2025 page: "completed in N s", answer only after a reload', fail: { browser: 'UI_NO_RESPONSE' } },
  { fault: 'history-lost', imitates: 'a run result never persisted to its thread', fail: { socket: 'CONVERSATION_NOT_SAVED', users: 'CONVERSATION_NOT_SAVED' } },
  // Healthy, conforming differently (the platform's PLATFORM_VARIANTS): green, with a warning where a SHOULD is not met.
  {
    fault: '',
    variants: 'envelopes',
    imitates: 'every tolerated envelope and answer field, acks, heartbeats, unknown events, a sub-agent mid-run',
    fail: {},
    warnings: [/unknown event types on the socket: agent_status_update/, /unknown event types on the page's socket: agent_status_update/],
    // The unknown event, and the wrapper section 4.1 does not name (an `agent_event` read by its payload.type).
    drift: ['event_type agent_event', 'event_type agent_status_update'],
  },
  {
    fault: '',
    variants: 'error-shapes',
    imitates: 'every error shape with other codes: INVALID_JSON for a non-JSON frame, the payload shape for Access denied and AUTH_FAILED',
    fail: {},
    warnings: [/answered an invalid JSON frame with error "Invalid JSON message" \(INVALID_JSON\)/],
    // A code of its own, and `details` inside the payload shape (section 4 lists details on the flat shape only).
    drift: ['error_code INVALID_JSON', 'field error.payload.details'],
  },
  { fault: '', variants: 'silent-malformed', imitates: 'no answer at all to a non-JSON frame', fail: {}, warnings: [/gave no answer to an invalid JSON frame/] },
  { fault: '', variants: 'legacy-welcome', imitates: 'the legacy connection_ready welcome', fail: {}, warnings: [/legacy connection_ready/] },
  {
    fault: '',
    variants: 'ahead-of-contract',
    imitates: 'a release ahead of the contract: the answer streamed as agent_response_chunk events, a confidence on every agent_thinking',
    fail: {},
    warnings: [/unknown event types on the socket: agent_response_chunk/, /unknown event types on the page's socket: agent_response_chunk/],
    drift: ['event_type agent_response_chunk', 'field agent_thinking.payload.confidence'],
  },
  {
    fault: '',
    variants: 'user-broadcast',
    imitates: "every frame of a run to every socket of its user, while one user runs all parallel tests (sibling runs)",
    fail: {},
    env: { AUTH_MODE: 'password' },
  },
  {
    fault: '',
    variants: 'real-pacing',
    imitates: 'a real model behind a real network, run as --project=staging aimed at the local platform',
    fail: {},
    project: 'staging',
    contractBudgets: true,
    env: { AUTH_MODE: 'e2e-bypass', E2E_BYPASS_KEY: 'local-e2e-bypass-key' },
  },
  { fault: '', variants: 'fast-page', imitates: 'a small, fast page on loopback (local floors must not call it unreal)', fail: {} },
  { fault: '', variants: 'page-sends-first', imitates: 'the real page: start_agent before the welcome, reconnecting every ~11 s', fail: {} },
  // The rules of contract sections 4.1, 4 and 5 as faults.
  {
    fault: 'foreign-thread-events',
    imitates: "the user's run's events carrying a thread that is not the user's",
    fail: socketStages('ISOLATION_BREACH'),
    evidence: { socket: /which is not the user's/, browser: /which is not the user's/ },
    failWithinMs: Number(TIGHT_BUDGETS.BUDGET_FIRST_EVENT_HARD_MS) + HANG_MARGIN_MS,
  },
  {
    fault: 'page-csp-blocks-platform',
    imitates: "a page whose Content-Security-Policy (connect-src 'self') refuses its own auth service, backend and socket",
    fail: { frontend: 'FRONTEND_BROKEN', browser: 'FRONTEND_BROKEN' },
    evidence: { frontend: /refused the page's calls to its own platform.*http:\/\/localhost:\d+\/.*Content-Security-Policy/ },
  },
  {
    fault: 'ws-auth-reject',
    variants: 'page-sends-first',
    imitates: 'the socket refusing the token while the page sends start_agent first',
    fail: socketStages('WS_AUTH_REJECTED'),
  },
  {
    fault: 'page-rest-diversion',
    imitates: 'the page sending the message to POST /api/agent/v2/execute (422) instead of its socket',
    fail: { browser: 'FRONTEND_BROKEN' },
    evidence: { browser: /POST http:\/\/localhost:\d+\/api\/agent\/v2\/execute → HTTP 422/ },
  },
];
