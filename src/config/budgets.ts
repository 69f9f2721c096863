import type { Budget } from '../contract/run-deadlines';

/** Contract section 6, in milliseconds. Environment files may tighten these. */
export const CONTRACT_BUDGETS = {
  pageLoad: { softMs: 3_000, hardMs: 10_000 },
  health: { softMs: 1_000, hardMs: 5_000 },
  token: { softMs: 1_000, hardMs: 5_000 },
  wsConnect: { softMs: 2_000, hardMs: 10_000 },
  firstEvent: { softMs: 5_000, hardMs: 20_000 },
  agentRun: { softMs: 60_000, hardMs: 120_000 },
  eventGap: { softMs: 15_000, hardMs: 30_000 },
  reconnect: { softMs: 3_000, hardMs: 10_000 },
} as const satisfies Record<string, Budget>;

/**
 * The suite's own budgets, for steps contract section 6 gives none: `api` times the backend's
 * REST calls (creating a thread, reading its messages, the auth service's config), which are no
 * health endpoint and must not borrow that budget. Tightened and validated like the contract's.
 */
export const SUITE_BUDGETS = {
  api: { softMs: 1_000, hardMs: 5_000 },
} as const satisfies Record<string, Budget>;

export const BUDGET_DEFAULTS = { ...CONTRACT_BUDGETS, ...SUITE_BUDGETS };

export type BudgetName = keyof typeof BUDGET_DEFAULTS;
export type Budgets = Record<BudgetName, Budget>;
