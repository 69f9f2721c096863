import { answerOf, errorTextOf, type NormalisedFrame } from './events';
import { checkSequence, describeSequence, isSubAgentCompletion, type RunFinding } from './run-sequence';

export type { RunFinding } from './run-sequence';

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
  /** The user's other threads known so far (created by the client, listed by `GET /api/threads`): their runs are siblings. */
  ownThreadIds?: ReadonlySet<string>;
}

export type FrameRole =
  | 'run' // an event of this run
  | 'sibling' // the same user's run on another thread (another tab): recorded, tolerated
  | 'unverified' // an event of a thread the run does not know: the user's own, or a breach (see resolveThread)
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
  readonly errors: NormalisedFrame[] = [];
  sentAt: number | undefined;
  firstEventAt: number | undefined;
  lastEventAt: number | undefined;
  /** When the run's own first agent_completed arrived (with or without the answer). */
  completionSeenAt: number | undefined;
  /** When the run was complete: an agent_completed with the answer had arrived. */
  completedAt: number | undefined;
  answer: string | undefined;
  /** The first failure found while reading frames (breach, agent error); sequence is checked at the end. */
  finding: RunFinding | undefined;
  /** The agent that started the run; another agent's agent_completed is a sub-agent's, mid-run. */
  leadAgent: string | undefined;
  /** Threads whose events arrived and whose owner is not known yet, with their first frame. */
  readonly unverifiedThreads = new Map<string, NormalisedFrame>();
  private readonly ownThreads: Set<string>;
  /**
   * Whose agent_completed (with ids) came last on this socket: the real backend's bare closing
   * agent_completed belongs to that run. With every run of the user on every socket (contract
   * 4.2), a sibling's may come while ours is in flight.
   */
  private lastCompletionOwner: 'ours' | 'sibling' | undefined;

  constructor(readonly context: RunContext) {
    this.ownThreads = new Set(context.ownThreadIds);
  }

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
    const completed = this.events.find((e) => e.type === 'agent_completed' && !isSubAgentCompletion(e, this.leadAgent))?.stampedAt;
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
      case 'error':
        this.errors.push(frame);
        return 'error';
      case 'unknown':
        this.unknownTypes.add(frame.type || '(no type)');
        return 'unknown';
      default:
        return this.acceptAgentEvent(frame);
    }
  }

  /**
   * The owner of a thread that `accept` called unverified is known: the user's own (a sibling
   * run, tolerated), or not the user's, which is a breach however the platform routed it.
   */
  resolveThread(threadId: string, owned: boolean, why = 'it is not among the threads the client created or GET /api/threads lists'): void {
    const frame = this.unverifiedThreads.get(threadId);
    this.unverifiedThreads.delete(threadId);
    if (owned) this.ownThreads.add(threadId);
    else if (frame) this.breach(frame, `an event for thread ${threadId}, which is not the user's (${why}), arrived on ${this.context.userId ?? 'the user'}'s socket`);
  }

  private acceptAgentEvent(frame: NormalisedFrame): FrameRole {
    const { context } = this;
    if (frame.userId && context.userId && !sameUser(frame.userId, context.userId)) {
      return this.breach(frame, `an event for user ${frame.userId} arrived on ${context.userId}'s socket`);
    }
    if (frame.threadId && context.foreignThreadIds?.has(frame.threadId)) {
      return this.breach(frame, `an event of another user's thread ${frame.threadId} arrived on this socket`);
    }
    if (frame.threadId && frame.threadId !== context.threadId) {
      if (this.ownThreads.has(frame.threadId)) return this.sibling(frame);
      if (!this.unverifiedThreads.has(frame.threadId)) this.unverifiedThreads.set(frame.threadId, frame);
      this.sibling(frame);
      return 'unverified';
    }
    const idLess = !frame.runId && !frame.threadId;
    if (idLess && frame.type === 'agent_completed' && this.lastCompletionOwner !== undefined) {
      // The real backend's trailing bare agent_completed: it belongs to whichever run completed last.
      if (this.lastCompletionOwner === 'sibling') return this.sibling(frame);
    } else if (idLess && !this.inFlight) {
      return this.sibling(frame);
    }
    if (frame.runId && this.runId && frame.runId !== this.runId) {
      return this.breach(frame, `an event of run ${frame.runId} arrived during run ${this.runId} on thread ${context.threadId}`);
    }
    if (this.sentAt === undefined) return this.sibling(frame); // nothing of ours is running yet
    this.record(frame);
    return 'run';
  }

  private record(frame: NormalisedFrame): void {
    this.runId ??= frame.runId;
    this.events.push(frame);
    this.firstEventAt ??= frame.receivedAt;
    this.lastEventAt = frame.receivedAt;
    if (frame.type === 'agent_completed' && !!frame.runId) this.lastCompletionOwner = 'ours';
    if (frame.type === 'agent_started') this.leadAgent ??= frame.agentName;
    if (frame.kind === 'agent_error') {
      this.finding ??= {
        failureClass: 'AGENT_ERROR',
        detail: `the agent reported an error: ${errorTextOf(frame) ?? JSON.stringify(frame.body)}`,
        frame: frame.raw,
      };
    } else if (frame.type === 'agent_completed' && !isSubAgentCompletion(frame, this.leadAgent)) {
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
  }

  private sibling(frame: NormalisedFrame): FrameRole {
    if (frame.type === 'agent_completed' && (frame.runId || frame.threadId)) this.lastCompletionOwner = 'sibling';
    return 'sibling';
  }

  private breach(frame: NormalisedFrame, detail: string): FrameRole {
    this.finding ??= { failureClass: 'ISOLATION_BREACH', detail, frame: frame.raw };
    return 'breach';
  }

  /** The run's critical event types in arrival order, for evidence in messages. */
  get sequence(): string[] {
    return describeSequence(this.events);
  }

  /** The error frames' texts, for messages. */
  get errorTexts(): string[] {
    return this.errors.map((f) => errorTextOf(f) ?? JSON.stringify(f.raw));
  }
}

/** A welcome frame shortens user ids to their first 8 characters and "…". */
function sameUser(seen: string, mine: string): boolean {
  if (seen === mine) return true;
  const prefix = seen.endsWith('…') ? seen.slice(0, -1) : undefined;
  return !!prefix && mine.startsWith(prefix);
}
