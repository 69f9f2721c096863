/**
 * Faults on purpose: `PLATFORM_FAULTS=<name>[,<name>…]`. Each one imitates a way the real
 * Netra Apex platform broke (shared/seeds, shared/contract/PLATFORM.md), so that the
 * golden-path suite can be shown to go red with the right diagnosis.
 */
export const FAULT_NAMES = [
  'health-503',
  'api-health-degraded',
  'auth-unhealthy',
  'login-401',
  'ws-404',
  'ws-handshake-hang',
  'ws-auth-reject',
  'ws-1011',
  'no-welcome',
  'no-events',
  'drop-event',
  'reorder-tools',
  'stall',
  'agent-error',
  'cross-user-leak',
  'instant-agent',
  'frontend-500',
  'frontend-page-error',
  'ui-no-response',
  'history-lost',
  'frontend-contract-only',
  'foreign-thread-events',
  'page-csp-blocks-platform',
  'page-rest-diversion',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

/**
 * The five critical events of contract section 4.1, in order: what the welcome frame announces
 * and what `drop-event:<name>` may drop. Written out here, not imported: the platform imports
 * nothing from the suite.
 */
export const GOLDEN_PATH_EVENTS = [
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_completed',
] as const;

export interface Faults {
  has(name: FaultName): boolean;
  /** Event types removed from every agent run (`drop-event:<event>`). */
  readonly droppedEvents: ReadonlySet<string>;
  /** The faults as given, for the start-up line. */
  readonly names: readonly string[];
}

/** A comma-separated switch list (`PLATFORM_FAULTS`, `PLATFORM_VARIANTS`), blanks dropped. */
export function switchList(spec: string | undefined): string[] {
  return (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses `PLATFORM_FAULTS`; an unknown name is an error, never silently ignored. */
export function parseFaults(spec: string | undefined): Faults {
  const names = switchList(spec);
  const active = new Set<FaultName>();
  const dropped = new Set<string>();
  for (const entry of names) {
    const [name, arg] = entry.split(':', 2) as [string, string | undefined];
    if (!(FAULT_NAMES as readonly string[]).includes(name)) {
      throw new Error(`unknown fault "${name}" in PLATFORM_FAULTS; known: ${FAULT_NAMES.join(', ')}`);
    }
    if (name === 'drop-event') {
      if (!arg || !(GOLDEN_PATH_EVENTS as readonly string[]).includes(arg)) {
        throw new Error(`drop-event needs one of ${GOLDEN_PATH_EVENTS.join(', ')}, e.g. drop-event:tool_completed`);
      }
      dropped.add(arg);
    }
    active.add(name as FaultName);
  }
  return { has: (n) => active.has(n), droppedEvents: dropped, names };
}
