import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Faults } from '../faults';
import { reportUnexpected } from '../guard';
import { type OriginPolicy, originRefused } from '../http/cors';
import { preview } from '../http/json-bounds';
import { routeOf } from '../http/request';
import type { TokenService } from '../jwt';
import { LIMITS } from '../limits';
import type { NetworkLatency } from '../network-latency';
import type { Variants } from '../variants';
import { ScriptedRun } from './scripted-run';
import type { RunSubject } from './agent-script';
import { clientErrors } from './client-errors';
import { type ClientMessage, parseClientMessage } from './client-message';
import { ClientSession, type SessionHost, type SessionManner } from './client-session';
import { type Frame, ackFrame, errorMessageFrame, newServerId, pongFrame } from './frames';
import { type RunStyle, runStyle } from './run-style';
import { handshakeToken, pickProtocol } from './socket-auth';
import { isValidThreadId, newMessageId, newThreadId } from './thread-ids';
import type { Thread, ThreadStore } from './thread-store';

/** `/ws` is canonical; `/api/v1/websocket` behaves the same on the real platform (section 4). */
const SOCKET_PATHS: readonly string[] = ['/ws', '/api/v1/websocket'];

export interface GatewayOptions {
  tokens: TokenService;
  faults: Faults;
  store: ThreadStore;
  stepMs: number;
  heartbeatMs: number;
  variants: Variants;
  latency: NetworkLatency | undefined;
  origins: OriginPolicy;
}

type Run = Extract<ClientMessage, { kind: 'run' }>;

/** The socket side of the backend: upgrades, per-user routing and the simulated agent runs. */
export class SocketGateway implements SessionHost {
  readonly tokens: TokenService;
  readonly serverId = newServerId();
  readonly heartbeatMs: number;
  readonly rejectAllTokens: boolean;
  readonly silent: boolean;
  readonly manner: SessionManner;
  private readonly faults: Faults;
  private readonly style: RunStyle;
  private readonly wss: WebSocketServer;
  private readonly sessionsByUser = new Map<string, Set<ClientSession>>();
  private readonly runsByUser = new Map<string, Set<ScriptedRun>>();
  private readonly allSessions = new Set<ClientSession>();
  /** `ws-handshake-hang` keeps upgrade requests unanswered; they are destroyed on close. */
  private readonly hungSockets = new Set<Duplex>();
  private closed = false;

  constructor(private readonly o: GatewayOptions) {
    this.tokens = o.tokens;
    this.faults = o.faults;
    this.heartbeatMs = o.heartbeatMs;
    this.rejectAllTokens = o.faults.has('ws-auth-reject');
    this.silent = o.faults.has('no-welcome');
    this.manner = {
      welcomeType: o.variants.has('legacy-welcome') ? 'connection_ready' : 'connection_established',
      errors: clientErrors(o.variants),
      latency: o.latency,
    };
    this.style = runStyle(o.faults, o.variants, o.stepMs);
    this.wss = new WebSocketServer({
      noServer: true,
      // `/ws/config` `max_message_size`; a bigger frame is closed with 1009 by `ws`.
      maxPayload: LIMITS.maxFrameBytes,
      perMessageDeflate: false,
      clientTracking: false,
      handleProtocols: (offered) => pickProtocol(offered),
    });
  }

  get activeConnections(): number {
    return this.allSessions.size;
  }

  /**
   * Section 4 outcomes: a route, a 404 (`ws-404`), or silence (`ws-handshake-hang`); and 403 for
   * a page of another origin (a browser always sends `Origin`; a client without one is not a
   * page and connects, as the contract's Bearer alternative needs).
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined);
    try {
      this.upgrade(req, socket, head);
    } catch (error) {
      reportUnexpected(`backend: upgrade ${String(req.url).slice(0, 200)}`, error);
      refuseUpgrade(socket, 500, 'Internal Server Error', 'Internal server error');
    }
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const route = routeOf(req);
    if (!route) return refuseUpgrade(socket, 400, 'Bad Request', 'Malformed request target');
    if (this.closed || !SOCKET_PATHS.includes(route.path) || this.faults.has('ws-404')) return refuseUpgrade(socket, 404, 'Not Found', 'Not Found');
    if (originRefused(req, this.o.origins)) return refuseUpgrade(socket, 403, 'Forbidden', 'Origin not allowed');
    if (this.faults.has('ws-handshake-hang')) {
      this.hungSockets.add(socket);
      socket.on('close', () => this.hungSockets.delete(socket));
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new ClientSession(ws, this);
      this.allSessions.add(session);
      ws.on('close', () => this.allSessions.delete(session));
      session.authenticate(handshakeToken(req)).catch((error: unknown) => session.fail(error));
    });
  }

  register(session: ClientSession): void {
    let sessions = this.sessionsByUser.get(session.userId);
    if (!sessions) this.sessionsByUser.set(session.userId, (sessions = new Set()));
    sessions.add(session);
  }

  /** A run stops when its user has no socket left to hear it; its timers go with it. */
  unregister(session: ClientSession): void {
    const sessions = this.sessionsByUser.get(session.userId);
    sessions?.delete(session);
    if (sessions && sessions.size > 0) return;
    this.sessionsByUser.delete(session.userId);
    for (const run of this.runsByUser.get(session.userId) ?? []) run.cancel();
  }

  handleFrame(session: ClientSession, text: string): void {
    if (this.faults.has('ws-1011')) {
      // A staging failure mode: accepted, authenticated, then 1011 on traffic.
      session.close(1011, 'Internal error');
      return;
    }
    const message = parseClientMessage(text);
    switch (message.kind) {
      case 'too-deep':
      case 'too-large': {
        const code = message.kind === 'too-deep' ? 'MESSAGE_TOO_DEEP' : 'MESSAGE_TOO_LARGE';
        session.send(errorMessageFrame(code, `${message.message} (limit ${message.limit})`, { limit: message.limit, max: message.max, field: message.field }));
        return;
      }
      case 'invalid-json': {
        const answer = this.manner.errors.invalidJson(message.error, text.length);
        if (answer) session.send(answer);
        return;
      }
      case 'invalid-shape':
        session.send(this.manner.errors.badRequest(message.reason));
        return;
      case 'ping':
        session.send(pongFrame(message.timestamp));
        return;
      case 'keepalive-reply':
        return;
      case 'unknown':
        session.send(ackFrame(message.type));
        return;
      case 'run':
        this.startRun(session, message);
    }
  }

  private startRun(session: ClientSession, message: Run): void {
    if (this.faults.has('no-events')) return;
    const content = message.content.trim();
    if (content === '') {
      session.send(this.manner.errors.badRequest('Message content cannot be empty'));
      return;
    }
    const running = this.runsByUser.get(session.userId)?.size ?? 0;
    if (running >= LIMITS.maxRunsPerUser) {
      session.send(this.manner.errors.badRequest(`Too many agent runs in flight for this user (limit max_runs_per_user ${LIMITS.maxRunsPerUser}); wait for one to complete`));
      return;
    }
    const thread = this.resolveThread(session, message.threadId, content);
    if (!thread) return;
    const runId = `run_${randomUUID()}`;
    this.o.store.append(thread, { id: newMessageId(), role: 'user', content, metadata: { run_id: runId, message_type: message.type } });
    if (this.style.acknowledges) {
      const ack = ackFrame(message.type);
      if (this.style.acknowledgesToUser) this.deliver(session.userId, ack);
      else session.send(ack);
    }

    // `foreign-thread-events`: the events name a thread that is nobody's the user knows (ISOLATION_BREACH).
    const eventThreadId = this.faults.has('foreign-thread-events') ? randomUUID() : thread.id;
    const subject: RunSubject = { runId, userId: session.userId, threadId: eventThreadId, content, context: message.context };
    let runs = this.runsByUser.get(session.userId);
    if (!runs) this.runsByUser.set(session.userId, (runs = new Set()));
    const userRuns = runs;
    const steps = this.style.script(subject);
    const run = new ScriptedRun(subject, steps, {
      deliver: (frame) => this.deliver(session.userId, frame),
      saveAnswer: (answer) => {
        // `history-lost`: the answer reaches the socket but never the thread (CONVERSATION_NOT_SAVED).
        if (this.faults.has('history-lost')) return;
        this.o.store.append(thread, { id: newMessageId(), role: 'assistant', content: answer, metadata: { run_id: runId, agent_name: 'supervisor' } });
      },
      pacing: this.style.pacing(steps),
      fail: () => this.deliver(session.userId, errorMessageFrame('INTERNAL_ERROR', 'Agent run failed', { run_id: runId, thread_id: thread.id })),
      instant: this.faults.has('instant-agent'),
      droppedEvents: this.faults.droppedEvents,
      onFinish: () => {
        userRuns.delete(run);
        if (userRuns.size === 0 && this.runsByUser.get(session.userId) === userRuns) this.runsByUser.delete(session.userId);
      },
    });
    userRuns.add(run);
    run.start();
  }

  /**
   * Section 5: no id starts a new thread; a well-formed unknown id is created for this user; a
   * placeholder such as `test_1` is refused; another user's thread is `Access denied` (4.2).
   */
  private resolveThread(session: ClientSession, threadId: unknown, content: string): Thread | undefined {
    const title = content.length > 60 ? `${content.slice(0, 57)}...` : content;
    if (threadId === undefined || threadId === null || threadId === '') {
      return this.o.store.create(newThreadId(), session.userId, title);
    }
    if (typeof threadId !== 'string' || !isValidThreadId(threadId)) {
      session.send(this.manner.errors.badRequest(`Invalid thread_id format: ${preview(typeof threadId === 'string' ? JSON.stringify(threadId) : threadId)}`));
      return undefined;
    }
    const found = this.o.store.lookup(threadId, session.userId);
    if (found.kind === 'foreign') {
      session.send(this.manner.errors.accessDenied());
      return undefined;
    }
    return found.kind === 'found' ? found.thread : this.o.store.create(threadId, session.userId, title);
  }

  /**
   * Events are addressed to the user: every socket of the owner, never another user's
   * (section 4.2). `cross-user-leak` breaks exactly that, sending to everyone.
   */
  private deliver(userId: string, frame: Frame): void {
    for (const session of this.sessionsByUser.get(userId) ?? []) session.send(frame);
    if (!this.faults.has('cross-user-leak')) return;
    for (const [other, sessions] of this.sessionsByUser) {
      if (other === userId) continue;
      for (const session of sessions) session.send(frame);
    }
  }

  /**
   * Shutdown: runs in flight end, every socket gets close 1001 "going away" and a grace to
   * answer it before it is cut, so that clients see a close frame, not a dropped connection.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const runs of this.runsByUser.values()) for (const run of [...runs]) run.cancel();
    this.runsByUser.clear();
    await Promise.all([...this.allSessions].map((session) => session.goAway()));
    this.allSessions.clear();
    this.sessionsByUser.clear();
    for (const socket of this.hungSockets) socket.destroy();
    this.hungSockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** An HTTP answer on the raw upgrade socket, as JSON like every other answer of the backend. */
function refuseUpgrade(socket: Duplex, status: number, statusText: string, detail: string): void {
  const body = JSON.stringify({ detail });
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
