import { performance } from 'node:perf_hooks';
import { obtainToken, type Tokens } from '../clients/auth-client';
import { httpExchange } from '../clients/http-client';
import { SocketSession } from '../clients/socket-client';
import { createThread } from '../clients/threads-client';
import type { GoldenConfig } from '../config/environment';
import type { AgentRun } from '../contract/agent-run';
import { GoldenPathFailure } from '../contract/failure-classes';
import { ForeignThreads } from '../contract/foreign-threads';

/**
 * One load user's golden socket flow, step by step, with the suite's own parts: a token by the
 * e2e bypass (a distinct email local part per user, contract section 9), the thread the real
 * page creates (`POST /api/threads`), `SocketSession` with the browser's subprotocols, and
 * `runChat` (AgentRun: the five events, their order, isolation). Both schedulers drive it:
 * `npm run load`'s own driver and the Artillery processor, so the rules exist once.
 */
export const USER_STEPS = {
  signIn: { metric: 'golden.sign_in', label: 'sign in (e2e bypass)' },
  thread: { metric: 'golden.start_conversation', label: 'start a conversation' },
  connect: { metric: 'golden.connect_to_welcome', label: 'connect to the welcome' },
  firstEvent: { metric: 'golden.first_event', label: 'message sent → first agent event' },
  run: { metric: 'golden.agent_completed', label: 'message sent → agent_completed' },
  total: { metric: 'golden.user_total', label: 'user total (sign in → agent_completed)' },
} as const;
export type UserStep = keyof typeof USER_STEPS;

/** What this client adds per frame: received → judged, and the platform's own stamp → judged. */
export const FRAME_METRICS = {
  frameToVerdict: { metric: 'golden.frame_to_verdict', label: 'frame arrival → checker verdict' },
  stampToVerdict: { metric: 'golden.stamp_to_verdict', label: 'platform timestamp → checker verdict' },
} as const;

export interface UserObserver {
  step(step: UserStep, ms: number): void;
  /** `stampMs` only for agent events that carry the platform's ISO timestamp. */
  frame(frameToVerdictMs: number, stampToVerdictMs: number | undefined): void;
}

export interface GoldenUserOptions {
  config: GoldenConfig;
  /** Distinct per user: the e2e bypass issues one user per local part. */
  email: string;
  /** Appended to the golden message, so each thread's conversation is told apart. */
  label: string;
  /** Every thread of this load run that this process knows: the others' are foreign. */
  crowdThreads: Set<string>;
  observer: UserObserver;
}

export class GoldenUser {
  private tokens: Tokens | undefined;
  private threadId: string | undefined;
  session: SocketSession | undefined;
  private readonly startedAt = performance.now();

  constructor(private readonly o: GoldenUserOptions) {}

  private get content(): string {
    return `${this.o.config.goldenMessage} (${this.o.label})`;
  }

  private async timed<T>(step: UserStep, body: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const value = await body();
    this.o.observer.step(step, performance.now() - t0);
    return value;
  }

  async signIn(): Promise<void> {
    const { config, email } = this.o;
    this.tokens = await this.timed('signIn', () => obtainToken(config, httpExchange, { mode: 'e2e-bypass', email, timeoutMs: config.budgets.token.hardMs }));
  }

  async startConversation(): Promise<void> {
    const { urls, budgets } = this.o.config;
    const token = this.need(this.tokens, 'signIn').accessToken;
    this.threadId = await this.timed('thread', () => createThread(httpExchange, urls.backend, token, this.content.slice(0, 50), budgets.api.hardMs));
    this.o.crowdThreads.add(this.threadId);
  }

  async connect(): Promise<SocketSession> {
    const { urls, budgets } = this.o.config;
    const token = this.need(this.tokens, 'signIn').accessToken;
    this.session = await this.timed('connect', () => SocketSession.connect({ url: urls.ws, token, connectBudgetMs: budgets.wsConnect.hardMs }));
    return this.session;
  }

  /** Sends the golden message and follows the run to agent_completed, or rejects with its class. */
  async chat(): Promise<AgentRun> {
    const session = this.need(this.session, 'connect');
    const threadId = this.need(this.threadId, 'startConversation');
    const userId = this.need(this.tokens, 'signIn').userId;
    const running = session.runChat({
      content: this.content,
      threadId,
      budgets: this.o.config.budgets,
      context: { userId, foreignThreadIds: new ForeignThreads(this.o.crowdThreads, new Set([threadId])) },
    });
    // Added after runChat's own listener, so it runs once the checker has judged the frame.
    const offVerdict = session.onFrame((frame) => {
      // Same clock as the platform's on one machine; across machines the stamp carries their skew.
      const stamp = (frame.raw as { timestamp?: unknown } | undefined)?.timestamp;
      const stampMs = frame.kind === 'critical' && typeof stamp === 'string' ? Date.now() - Date.parse(stamp) : undefined;
      this.o.observer.frame(performance.now() - frame.receivedAt, stampMs);
    });
    const run = await running.finally(offVerdict);
    const sent = run.sentAt ?? Number.NaN;
    this.o.observer.step('firstEvent', (run.firstEventAt ?? Number.NaN) - sent);
    this.o.observer.step('run', (run.completedAt ?? Number.NaN) - sent);
    this.o.observer.step('total', performance.now() - this.startedAt);
    return run;
  }

  async leave(): Promise<void> {
    await this.session?.close();
  }

  /** Drops the socket without a closing handshake: at a deadline, nothing may wait on it. */
  drop(): void {
    this.session?.drop();
  }

  private need<T>(value: T | undefined, step: string): T {
    if (value === undefined) throw new GoldenPathFailure('CONFIG_INVALID', `the load scenario ran a step before ${step}: the flow's order is broken`);
    return value;
  }
}
