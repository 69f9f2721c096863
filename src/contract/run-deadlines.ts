import type { AgentRun, RunFinding } from './agent-run';

/** A budget of contract section 6: over `soft` the step is slow, over `hard` it fails. */
export interface Budget {
  softMs: number;
  hardMs: number;
}

export interface RunBudgets {
  firstEvent: Budget;
  agentRun: Budget;
  eventGap: Budget;
}

export interface RunDeadline {
  /** When the next hard limit falls, on the run's clock. */
  at: number;
  /** What it means when it falls. */
  finding: RunFinding;
}

/**
 * The run's next hard deadline: before the first event, the first-event budget
 * (AGENT_NO_EVENTS); after it, the smaller of the gap budget since the last event
 * (AGENT_STALLED) and the whole-run budget (SLA_EXCEEDED).
 */
export function nextRunDeadline(run: AgentRun, budgets: RunBudgets): RunDeadline | undefined {
  if (run.sentAt === undefined || run.done) return undefined;
  const sent = run.sentAt;
  if (run.firstEventAt === undefined) {
    return {
      at: sent + budgets.firstEvent.hardMs,
      finding: {
        failureClass: 'AGENT_NO_EVENTS',
        detail: `no agent event within ${budgets.firstEvent.hardMs} ms of sending the message`,
      },
    };
  }
  if (run.completionSeenAt !== undefined) {
    return {
      at: run.completionSeenAt + budgets.eventGap.hardMs,
      finding: {
        failureClass: 'AGENT_EVENT_MISSING',
        detail: `agent_completed carried no answer text (result.response, final_response, content or message), and no agent_completed with one followed within ${budgets.eventGap.hardMs} ms; received: ${run.sequence.join(' → ')}`,
      },
    };
  }
  const last = run.lastEventAt ?? run.firstEventAt;
  const stall: RunDeadline = {
    at: last + budgets.eventGap.hardMs,
    finding: {
      failureClass: 'AGENT_STALLED',
      detail: `events stopped for ${budgets.eventGap.hardMs} ms before agent_completed; last event: ${run.sequence.at(-1)}; received: ${run.sequence.join(' → ')}`,
    },
  };
  const total: RunDeadline = {
    at: sent + budgets.agentRun.hardMs,
    finding: {
      failureClass: 'SLA_EXCEEDED',
      detail: `agent_completed did not arrive within the run's hard budget of ${budgets.agentRun.hardMs} ms; received: ${run.sequence.join(' → ')}`,
    },
  };
  return stall.at <= total.at ? stall : total;
}
