import type { FailureClass } from '../../src/contract/failure-classes';

/**
 * The fault matrix: each fault of the reference platform, the class the golden path must
 * report, and the stages where it must report it. Every stage not named must pass. `mayFail`
 * names stages whose outcome depends on timing (e.g. a leak is only visible while another
 * user's run overlaps), and the only class they may fail with. The README shows this table.
 */
export interface FaultCase {
  fault: string;
  /** What the fault imitates, for the README and the test title. */
  imitates: string;
  fail: Partial<Record<string, FailureClass>>;
  mayFail?: Partial<Record<string, FailureClass>>;
  /** A healthy variant passes, with this warning when given. */
  warning?: RegExp;
  env?: Record<string, string>;
}

/** A broken socket or agent breaks every stage that chats: one user, the browser, many users, the unhappy paths. */
const socketStages = (cls: FailureClass) => ({ socket: cls, browser: cls, users: cls, unhappy: cls });

export const FAULT_MATRIX: FaultCase[] = [
  { fault: '', imitates: 'a healthy platform', fail: {} },
  { fault: 'api-health-degraded', imitates: 'a degraded optional dependency (ClickHouse slow)', fail: {}, warning: /clickhouse is degraded/ },
  {
    fault: 'frontend-contract-only',
    imitates: 'the real page: no optional test ids, answer as a plain message, token injected in localStorage',
    fail: {},
    env: { AUTH_MODE: 'e2e-bypass' },
  },
  { fault: 'health-503', imitates: 'staging answering 503 "Startup failed" (seed #690)', fail: { health: 'BACKEND_UNHEALTHY' } },
  { fault: 'auth-unhealthy', imitates: 'the auth service losing its database', fail: { auth: 'AUTH_UNHEALTHY' } },
  {
    fault: 'login-401',
    imitates: 'credentials or bypass key refused',
    fail: { frontend: 'AUTH_FAILED', auth: 'AUTH_FAILED', ...socketStages('AUTH_FAILED') },
  },
  { fault: 'ws-404', imitates: 'the load balancer without a /ws route (seed #586)', fail: socketStages('WS_UPGRADE_REJECTED') },
  { fault: 'ws-handshake-hang', imitates: 'a proxy swallowing the upgrade (seed: handshake timeouts)', fail: socketStages('WS_HANDSHAKE_TIMEOUT') },
  { fault: 'ws-auth-reject', imitates: 'backend and auth disagreeing on the JWT secret', fail: socketStages('WS_AUTH_REJECTED') },
  { fault: 'ws-1011', imitates: 'an exception after accept: close 1011 (seed #690)', fail: socketStages('WS_SERVER_ERROR') },
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
];
