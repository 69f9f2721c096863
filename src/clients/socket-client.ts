import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { AgentRun, type RunContext } from '../contract/agent-run';
import { errorCodeOf, normaliseFrame, type NormalisedFrame } from '../contract/events';
import type { RunBudgets } from '../contract/run-deadlines';
import { classifyConnect, type ConnectObservation } from '../contract/socket-outcome';
import { followRun, type FrameSource, type ThreadOwnership } from './follow-run';
import { readRefusal } from './upgrade-refusal';

/**
 * The suite's socket client (contract section 4), on `ws`. It connects the way the browser
 * does, keeps every frame it *received* as evidence (what it sends is never kept: it proves
 * nothing about the platform), and turns every way a connection or a run can go wrong into its contract class.
 * No Playwright here: the load mode drives thousands of these.
 */
export interface ConnectOptions {
  url: string;
  token: string;
  /** `subprotocol`: what the browser does (section 4); `bearer`: the non-browser alternative. */
  auth?: 'subprotocol' | 'bearer';
  /** Hard limit from starting the connection to the welcome frame. */
  connectBudgetMs: number;
}

export interface UpgradeEvidence {
  status: number;
  /** The subprotocol the server selected (never logged in full: it holds the token). */
  protocol: string | undefined;
  /** Computed by the server from our key: proof that a real server answered the handshake. */
  accept: string | undefined;
  server: string | undefined;
  durationMs: number;
}

export interface ReceivedFrame {
  /** Milliseconds on the client's clock (performance.now). */
  at: number;
  text: string;
}

export interface ChatOptions {
  content: string;
  threadId: string;
  /** `start_agent` is the real page's first message in a thread; `user_message` is canonical. */
  type?: 'user_message' | 'start_agent';
  budgets: RunBudgets;
  context: Omit<RunContext, 'threadId'>;
  /** Whether another thread whose events arrive is the user's own (see follow-run.ts). */
  ownsThread?: ThreadOwnership;
}

/** Browser subprotocols: `jwt-auth` and `jwt.<base64url(JWT), no padding>`. */
export function browserSubprotocols(token: string): [string, string] {
  return ['jwt-auth', `jwt.${Buffer.from(token, 'utf8').toString('base64url')}`];
}

type Listener = (frame: NormalisedFrame) => void;


export class SocketSession implements FrameSource {
  readonly received: ReceivedFrame[] = [];
  readonly normalised: NormalisedFrame[] = [];
  welcome: NormalisedFrame | undefined;
  /** How the socket closed; `byClient` when this client closed or dropped it (the code then says nothing of the platform). */
  closed: { code: number; reason: string; at: number; byClient: boolean } | undefined;
  private closing = false;
  private listeners = new Set<Listener>();
  private closeListeners = new Set<() => void>();

  private constructor(
    readonly url: string,
    private readonly ws: WebSocket,
    readonly upgrade: UpgradeEvidence,
    readonly openedAt: number,
  ) {
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? `<binary ${(data as Buffer).length} bytes>` : data.toString();
      const at = performance.now();
      this.received.push({ at, text });
      const frame = normaliseFrame(text, at);
      this.normalised.push(frame);
      // Keepalive is answered like the real page does, and never counted as evidence of a run.
      if (frame.type === 'heartbeat') this.send({ type: 'heartbeat_ack' });
      for (const l of this.listeners) l(frame);
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString(), at: performance.now(), byClient: this.closing };
      for (const l of this.closeListeners) l();
    });
    ws.on('error', () => {
      /* the close that follows carries the outcome */
    });
  }

  /** Opens a socket and waits for the welcome frame, or fails with the contract class. */
  static connect(options: ConnectOptions): Promise<SocketSession> {
    const { url, token, connectBudgetMs } = options;
    const started = performance.now();
    const protocols = options.auth === 'bearer' ? [] : browserSubprotocols(token);
    const headers = options.auth === 'bearer' ? { Authorization: `Bearer ${token}` } : undefined;
    return new Promise<SocketSession>((resolve, reject) => {
      const ws = new WebSocket(url, protocols, { headers, perMessageDeflate: false });
      let session: SocketSession | undefined;
      let upgrade: UpgradeEvidence | undefined;
      let settled = false;
      const early: NormalisedFrame[] = [];
      const finish = (outcome: SocketSession | ConnectObservation) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (outcome instanceof SocketSession) return resolve(outcome);
        ws.removeAllListeners('message');
        ws.terminate();
        reject(classifyConnect(url, outcome));
      };
      const timer = setTimeout(() => {
        if (!upgrade) finish({ what: 'no-101', budgetMs: connectBudgetMs });
        else finish({ what: 'no-first-frame', budgetMs: connectBudgetMs, frames: session?.normalised ?? early });
      }, connectBudgetMs);

      ws.on('unexpected-response', (req, res) =>
        readRefusal(req, res, ({ status, bodyExcerpt }) => finish({ what: 'http-status', status, bodyExcerpt })),
      );
      ws.on('upgrade', (res) => {
        upgrade = {
          status: res.statusCode ?? 0,
          protocol: header(res.headers['sec-websocket-protocol']),
          accept: header(res.headers['sec-websocket-accept']),
          server: header(res.headers.server),
          durationMs: performance.now() - started,
        };
      });
      ws.on('error', (err: NodeJS.ErrnoException) => {
        if (/subprotocol/i.test(err.message)) {
          finish({ what: 'protocol', offered: protocols, accepted: upgrade?.protocol, message: err.message });
        } else if (!upgrade) {
          finish({ what: 'tcp-error', code: err.code, message: err.message });
        }
      });
      ws.on('open', () => {
        if (!upgrade) return;
        if (protocols.length > 0 && upgrade.protocol !== protocols[1]) {
          // `ws` accepts any offered entry; the contract wants the exact jwt.<token> one echoed.
          return finish({ what: 'protocol', offered: protocols, accepted: upgrade.protocol, message: 'the jwt.<token> entry was not echoed' });
        }
        session = new SocketSession(url, ws, upgrade, started);
        const s = session;
        s.onFrame((frame) => {
          if (settled) return;
          if (frame.kind === 'welcome') {
            s.welcome = frame;
            finish(s);
          } else if (errorCodeOf(frame) === 'AUTH_FAILED') {
            finish({ what: 'auth-frame', frame });
          }
        });
        s.onClose(() => {
          if (!settled && s.closed) finish({ what: 'closed', code: s.closed.code, reason: s.closed.reason, frames: s.normalised });
        });
      });
      ws.on('close', (code, reason) => {
        if (!session && upgrade) finish({ what: 'closed', code, reason: reason.toString(), frames: early });
      });
    });
  }

  onFrame(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(message: unknown): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    this.ws.send(text);
  }

  /**
   * Sends the golden message and follows the run to `agent_completed` under the run budgets.
   * Resolves with the finished run; rejects with the class of the first thing that went wrong.
   */
  runChat(options: ChatOptions): Promise<AgentRun> {
    return this.startChat(options).finished;
  }

  /** `runChat`, with the run itself as it goes: what it had received is there to see when it fails too. */
  startChat(options: ChatOptions): { run: AgentRun; finished: Promise<AgentRun> } {
    const run = new AgentRun({ ...options.context, threadId: options.threadId });
    const type = options.type ?? 'user_message';
    const payload =
      type === 'start_agent'
        ? { user_request: options.content, thread_id: options.threadId, context: {}, settings: {} }
        : { content: options.content, thread_id: options.threadId };
    return { run, finished: followRun(this, run, options.budgets, { send: () => this.send({ type, payload }), ownsThread: options.ownsThread }) };
  }

  close(code = 1000): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 1_000);
      this.onClose(() => {
        clearTimeout(timer);
        resolve();
      });
      this.closing = true;
      this.ws.close(code);
    });
  }

  /** Drops the connection without a closing handshake, as a network failure would. */
  drop(): void {
    this.closing = true;
    this.ws.terminate();
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
