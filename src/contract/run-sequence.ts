import { CRITICAL_EVENTS, type CriticalEvent, type NormalisedFrame } from './events';
import type { FailureClass } from './failure-classes';

export interface RunFinding {
  failureClass: FailureClass;
  detail: string;
  frame?: unknown;
}

/**
 * Multi-agent runs repeat the pattern per sub-agent (contract 4.1): an `agent_completed` that
 * names an agent other than the one that started the run is that sub-agent's, mid-run. One
 * without a name, or naming the lead agent, ends the run.
 */
export function isSubAgentCompletion(event: NormalisedFrame, leadAgent: string | undefined): boolean {
  return event.type === 'agent_completed' && !!event.agentName && !!leadAgent && event.agentName !== leadAgent;
}

/** The agent that started the run: the first `agent_started`'s name. */
export function leadAgentOf(events: readonly NormalisedFrame[]): string | undefined {
  return events.find((e) => e.type === 'agent_started')?.agentName;
}

export function describeSequence(events: readonly NormalisedFrame[]): string[] {
  return events.map((e) => {
    const tool = e.toolName ? `(${e.toolName})` : '';
    return `${e.type}${tool}`;
  });
}

/**
 * The sequence rules of contract section 4.1, checked on a finished run: all five appear; the
 * first is `agent_started`; each `tool_completed` follows a `tool_executing` of the same tool
 * and their counts match; the run's own `agent_completed` comes last (a sub-agent's may come
 * mid-run). Missing events are named before order, because a missing event makes every order
 * rule after it misleading.
 */
export function checkSequence(events: readonly NormalisedFrame[]): RunFinding | undefined {
  const critical = events.filter((e) => e.kind === 'critical');
  const seen = new Set(critical.map((e) => e.type));
  const missing = CRITICAL_EVENTS.filter((t) => !seen.has(t));
  const received = describeSequence(critical).join(' → ');
  if (missing.length > 0) {
    return {
      failureClass: 'AGENT_EVENT_MISSING',
      detail: `the run ended without ${missing.join(', ')}; received: ${received || '(nothing)'}`,
    };
  }
  // The frame that broke the rule goes with the finding: the message quotes it, the run's timeline marks it.
  const order = (detail: string, culprit?: NormalisedFrame): RunFinding => ({
    failureClass: 'AGENT_EVENT_ORDER',
    detail: `${detail}; received: ${received}`,
    ...(culprit ? { frame: culprit.raw } : {}),
  });
  if (critical[0]?.type !== 'agent_started') {
    return order(`the first event was ${critical[0]?.type}, not agent_started`, critical[0]);
  }
  const lead = leadAgentOf(critical);
  const openTools = new Map<string, number>();
  let completedAt = -1;
  for (const [i, event] of critical.entries()) {
    const type = event.type as CriticalEvent;
    if (completedAt >= 0 && type !== 'agent_completed') {
      return order(`${type} arrived after agent_completed (event ${i + 1})`, event);
    }
    const tool = event.toolName ?? '(unnamed tool)';
    if (type === 'tool_executing') openTools.set(tool, (openTools.get(tool) ?? 0) + 1);
    if (type === 'tool_completed') {
      const open = openTools.get(tool) ?? 0;
      if (open === 0) return order(`tool_completed(${tool}) arrived without a tool_executing(${tool}) before it (event ${i + 1})`, event);
      openTools.set(tool, open - 1);
    }
    if (type === 'agent_completed' && completedAt < 0 && !isSubAgentCompletion(event, lead)) completedAt = i;
  }
  const unfinished = [...openTools].filter(([, n]) => n > 0).map(([t, n]) => `${t} ×${n}`);
  if (unfinished.length > 0) {
    return order(`tool_executing without a matching tool_completed when the run ended: ${unfinished.join(', ')}`);
  }
  return undefined;
}
