import { answerOf, CRITICAL_EVENTS, errorTextOf, type CriticalEvent, type NormalisedFrame } from './events';
import type { FailureClass } from './failure-classes';

/**
 * One agent run as seen on one socket, fed frame by frame (contract sections 4.1 and 4.2).
 * Pure: the socket client and the browser observer both feed it, unit tests feed it recorded
 * frames. Timing rules (first event, gaps, total) live in `run-deadlines.ts`.
 */
export interface RunContext {
  /** The signed-in user's id (`sub`); events naming another user are a breach. */
  userId?: string;
  /** The thread the client sent the message on. */
  threadId: string;
  /** Threads of other users in the same test: seeing one of them is a breach. */
  foreignThreadIds?: ReadonlySet<string>;
}

export interface RunFinding {
  failureClass: FailureClass;
  detail: string;
  frame?: unknown;
}

export type FrameRole =
  | 'run' // an event of this run
  | 'sibling' // the same user's run on another thread (another tab): recorded, tolerated
  | 'breach'
  | 'welcome'
  | 'keepalive'
  | 'ack'
  | 'error'
  | 'unknown'
  | 'unparseable';

export class AgentRun {
  runId: string | undefined;
  readonly events: NormalisedFrame[] = [];
  readonly unknownTypes = new Set<string>();
  readonly errors: string[] = [];
  sentAt: number | undefined;
  firstEventAt: number | undefined;
  lastEventAt: number | undefined;
  /** When the first agent_completed arrived (with or without the answer). */
  completionSeenAt: number | undefined;
  /** When the run was complete: an agent_completed with the answer had arrived. */
  completedAt: number | undefined;
  answer: string | undefined;
  /** The first failure found while reading frames (breach, agent error); sequence is checked at the end. */
  finding: RunFinding | undefined;
  /** Which run the last critical event on this socket belonged to: ours or a sibling's. */
  private lastCriticalOwner: 'ours' | 'sibling' | undefined;
  private lastCriticalType: string | undefined;

  constructor(readonly context: RunContext) {}

  markSent(at: number): void {
    this.sentAt = at;
  }

  get inFlight(): boolean {
    return this.sentAt !== undefined && this.completedAt === undefined && this.finding === undefined;
  }

  /**
   * The run's span as received: from its first agent event to its first agent_completed. A
   * slow platform can delay a canned burst but not spread it; a busy browser can (see below).
   */
  get receivedSpanMs(): number | undefined {
    const completed = this.completionSeenAt ?? this.completedAt;
    return this.firstEventAt === undefined || completed === undefined ? undefined : completed - this.firstEventAt;
  }

  /**
   * The same span by the platform's own timestamps, when both events carry one: a canned
   * replay stamps its burst with one instant, however spread out a busy client received it.
   */
  get stampedSpanMs(): number | undefined {
    const first = this.events[0]?.stampedAt;
    const completed = this.events.find((e) => e.type === 'agent_completed')?.stampedAt;
    return first === undefined || completed === undefined ? undefined : completed - first;
  }

  get done(): boolean {
    return this.completedAt !== undefined || this.finding !== undefined;
  }

  /** Classifies one frame and updates the run. */
  accept(frame: NormalisedFrame): FrameRole {
    switch (frame.kind) {
      case 'unparseable':
      case 'welcome':
      case 'keepalive':
      case 'ack':
        return frame.kind;
      case 'error': {
        this.errors.push(errorTextOf(frame) ?? JSON.stringify(frame.raw));
        return 'error';
      }
      case 'unknown':
        this.unknownTypes.add(frame.type || '(no type)');
        return 'unknown';
      default:
        return this.acceptAgentEvent(frame);
    }
  }

  private acceptAgentEvent(frame: NormalisedFrame): FrameRole {
    const { context } = this;
    if (frame.userId && context.userId && !sameUser(frame.userId, context.userId)) {
      return this.breach(frame, `an event for user ${frame.userId} arrived on ${context.userId}'s socket`);
    }
    if (frame.threadId && context.foreignThreadIds?.has(frame.threadId)) {
      return this.breach(frame, `an event of another user's thread ${frame.threadId} arrived on this socket`);
    }
    const idLess = !frame.runId && !frame.threadId;
    if (frame.threadId && frame.threadId !== context.threadId) return this.sibling(frame);
    if (idLess && frame.type === 'agent_completed' && this.lastCriticalType === 'agent_completed') {
      // The real backend's trailing bare agent_completed: it belongs to whichever run just completed.
      if (this.lastCriticalOwner === 'sibling') return this.sibling(frame);
    } else if (idLess && !this.inFlight) {
      return this.sibling(frame);
    }
    if (frame.runId && this.runId && frame.runId !== this.runId) {
      return this.breach(frame, `an event of run ${frame.runId} arrived during run ${this.runId} on thread ${context.threadId}`);
    }
    if (this.sentAt === undefined) return this.sibling(frame); // nothing of ours is running yet
    this.runId ??= frame.runId;
    this.events.push(frame);
    this.firstEventAt ??= frame.receivedAt;
    this.lastEventAt = frame.receivedAt;
    this.lastCriticalOwner = 'ours';
    this.lastCriticalType = frame.type;
    if (frame.kind === 'agent_error') {
      this.finding ??= {
        failureClass: 'AGENT_ERROR',
        detail: `the agent reported an error: ${errorTextOf(frame) ?? JSON.stringify(frame.body)}`,
        frame: frame.raw,
      };
    } else if (frame.type === 'agent_completed') {
      this.answer = answerOf(frame) ?? this.answer;
      if (this.completionSeenAt === undefined) {
        this.completionSeenAt = frame.receivedAt;
        const violation = checkSequence(this.events);
        if (violation) this.finding ??= violation;
      }
      // The run is complete when an agent_completed has carried the answer: the real backend
      // may put it only in its trailing, bare agent_completed (contract section 4.1).
      if (this.answer && this.completedAt === undefined) this.completedAt = frame.receivedAt;
    }
    return 'run';
  }

  private sibling(frame: NormalisedFrame): FrameRole {
    if (frame.kind === 'critical') {
      this.lastCriticalOwner = 'sibling';
      this.lastCriticalType = frame.type;
    }
    return 'sibling';
  }

  private breach(frame: NormalisedFrame, detail: string): FrameRole {
    this.finding ??= { failureClass: 'ISOLATION_BREACH', detail, frame: frame.raw };
    return 'breach';
  }

  /** The run's critical event types in arrival order, for evidence in messages. */
  get sequence(): string[] {
    return this.events.map((e) => (e.toolName ? `${e.type}(${e.toolName})` : e.type));
  }
}

/** A welcome frame shortens user ids to their first 8 characters and "…". */
function sameUser(seen: string, mine: string): boolean {
  if (seen === mine) return true;
  const prefix = seen.endsWith('…') ? seen.slice(0, -1) : undefined;
  return !!prefix && mine.startsWith(prefix);
}

/**
 * The sequence rules of contract section 4.1, checked on a finished run: all five appear; the
 * first is `agent_started`; each `tool_completed` follows a `tool_executing` of the same tool
 * and their counts match; `agent_completed` comes last. Missing events are named before order,
 * because a missing event makes every order rule after it misleading.
 */
export function checkSequence(events: readonly NormalisedFrame[]): RunFinding | undefined {
  const critical = events.filter((e) => e.kind === 'critical');
  const seen = new Set(critical.map((e) => e.type));
  const missing = CRITICAL_EVENTS.filter((t) => !seen.has(t));
  const received = critical.map((e) => (e.toolName ? `${e.type}(${e.toolName})` : e.type)).join(' → ');
  if (missing.length > 0) {
    return {
      failureClass: 'AGENT_EVENT_MISSING',
      detail: `the run ended without ${missing.join(', ')}; received: ${received || '(nothing)'}`,
    };
  }
  const order = (detail: string): RunFinding => ({
    failureClass: 'AGENT_EVENT_ORDER',
    detail: `${detail}; received: ${received}`,
  });
  if (critical[0]?.type !== 'agent_started') {
    return order(`the first event was ${critical[0]?.type}, not agent_started`);
  }
  const openTools = new Map<string, number>();
  let completedAt = -1;
  for (const [i, event] of critical.entries()) {
    const type = event.type as CriticalEvent;
    if (completedAt >= 0 && type !== 'agent_completed') {
      return order(`${type} arrived after agent_completed (event ${i + 1})`);
    }
    const tool = event.toolName ?? '(unnamed tool)';
    if (type === 'tool_executing') openTools.set(tool, (openTools.get(tool) ?? 0) + 1);
    if (type === 'tool_completed') {
      const open = openTools.get(tool) ?? 0;
      if (open === 0) return order(`tool_completed(${tool}) arrived without a tool_executing(${tool}) before it (event ${i + 1})`);
      openTools.set(tool, open - 1);
    }
    if (type === 'agent_completed' && completedAt < 0) completedAt = i;
  }
  const unfinished = [...openTools].filter(([, n]) => n > 0).map(([t, n]) => `${t} ×${n}`);
  if (unfinished.length > 0) {
    return order(`tool_executing without a matching tool_completed when the run ended: ${unfinished.join(', ')}`);
  }
  return undefined;
}
