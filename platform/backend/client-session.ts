import { WebSocket } from 'ws';
import { guarded, reportUnexpected } from '../guard';
import type { TokenService } from '../jwt';
import { LIMITS } from '../limits';
import type { NetworkLatency } from '../network-latency';
import type { ClientErrors } from './client-errors';
import { type Frame, type WelcomeType, errorMessageFrame, heartbeatFrame, newConnectionId, welcomeFrame } from './frames';
import { DelayedOutbox, type Outbox, directOutbox } from './outbox';

export interface SessionHost {
  readonly tokens: TokenService;
  readonly serverId: string;
  readonly heartbeatMs: number;
  /** `ws-auth-reject`: a valid token is refused as if it were not. */
  readonly rejectAllTokens: boolean;
  /** `no-welcome`: 101, then silence. */
  readonly silent: boolean;
  readonly manner: SessionManner;
  register(session: ClientSession): void;
  unregister(session: ClientSession): void;
  handleFrame(session: ClientSession, text: string): void;
}

/** How this deployment speaks on a socket: its welcome, its error shapes, its network. */
export interface SessionManner {
  welcomeType: WelcomeType;
  errors: ClientErrors;
  /** `real-pacing`: every frame sent crosses a network first. */
  latency: NetworkLatency | undefined;
}

type State = 'authenticating' | 'open' | 'silent' | 'closed';

/** Close 1013 "try again later": the client is not reading what it asked for; WS_CLOSED_EARLY on its side. */
const CLOSE_NOT_READING = 1013;
const CLOSE_GOING_AWAY = 1001;

/** One accepted socket: authentication after accept, the welcome, keepalive, then frames to the host. */
export class ClientSession {
  readonly connectionId = newConnectionId();
  userId = '';
  private state: State = 'authenticating';
  private registered = false;
  private readonly pending: string[] = [];
  private pendingBytes = 0;
  private dropped = 0;
  private droppedBy: 'max_pending_frames' | 'max_pending_bytes' = 'max_pending_frames';
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly outbox: Outbox;
  private cutTimer: NodeJS.Timeout | undefined;
  private readonly closedPromise: Promise<void>;

  constructor(
    readonly ws: WebSocket,
    private readonly host: SessionHost,
  ) {
    this.outbox = host.manner.latency ? new DelayedOutbox(ws, host.manner.latency) : directOutbox(ws);
    const internalError = (): void => this.send(errorMessageFrame('INTERNAL_ERROR', 'Internal error processing message', {}));
    ws.on(
      'message',
      guarded('backend: socket frame', (data: WebSocket.RawData, isBinary: boolean) => this.onFrame(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString()), internalError),
    );
    // A frame over maxPayload (close 1009) or a protocol violation surfaces here; it must never crash.
    ws.on('error', () => undefined);
    this.closedPromise = new Promise((resolve) => {
      ws.on('close', () => {
        this.onClose();
        resolve();
      });
    });
  }

  /** Section 4: the token is validated after the socket was accepted. */
  async authenticate(token: string | undefined): Promise<void> {
    if (this.host.silent) {
      this.state = 'silent';
      return;
    }
    const check = await this.host.tokens.verify(token, 'access');
    if (this.state === 'closed') return;
    if (!check.ok || this.host.rejectAllTokens) {
      const reason = check.ok ? 'Token rejected by the WebSocket authenticator' : check.detail;
      this.sendRaw(
        this.host.manner.errors.authFailed({
          reason,
          error: check.ok ? 'token_rejected' : check.error,
          connection_id: this.connectionId,
        }),
      );
      this.state = 'closed';
      this.outbox.close(1008, 'Authentication failed');
      return;
    }
    this.userId = check.claims.sub;
    this.state = 'open';
    this.registered = true;
    this.host.register(this);
    this.send(welcomeFrame(this.userId, this.connectionId, this.host.serverId, this.host.manner.welcomeType));
    if (this.host.heartbeatMs > 0) {
      this.heartbeat = setTimeout(guarded('backend: heartbeat', () => this.beat(), () => this.stopHeartbeat()), this.host.heartbeatMs);
      this.heartbeat.unref();
    }
    if (this.dropped > 0) {
      const max = this.droppedBy === 'max_pending_frames' ? LIMITS.maxPendingFrames : LIMITS.maxPendingBytes;
      this.send(
        errorMessageFrame('TOO_MANY_PENDING_MESSAGES', `${this.dropped} messages sent before the welcome were dropped (limit ${this.droppedBy} ${max})`, {
          limit: this.droppedBy,
          max,
          dropped: this.dropped,
        }),
      );
    }
    const queued = this.pending.splice(0);
    this.pendingBytes = 0;
    for (const text of queued) this.deliverToHost(text);
  }

  /** An unexpected failure of the session itself: 1011, as the real backend does (WS_SERVER_ERROR). */
  fail(error: unknown): void {
    reportUnexpected('backend: socket session', error);
    this.state = 'closed';
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1011, 'Internal error');
  }

  /** Sends and postpones the next heartbeat: heartbeats fill idle periods only (section 4). */
  send(frame: Frame): void {
    if (this.state !== 'open') return;
    this.sendRaw(frame);
    this.heartbeat?.refresh();
    if (this.ws.bufferedAmount > LIMITS.maxBufferedBytes) this.closeNotReading();
  }

  close(code: number, reason: string): void {
    this.outbox.close(code, reason);
  }

  /** Shutdown: a close frame saying the server goes away (1001), then cut once the grace has passed. */
  goAway(): Promise<void> {
    this.state = 'closed';
    this.stopHeartbeat();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(CLOSE_GOING_AWAY, 'Server shutting down');
    this.cutAfterGrace();
    return this.closedPromise;
  }

  terminate(): void {
    this.stopHeartbeat();
    this.outbox.dispose();
    this.ws.terminate();
  }

  private sendRaw(frame: Frame): void {
    this.outbox.send(JSON.stringify(frame));
  }

  /**
   * Whatever is not read stays in this process; past the limit the socket is closed, and cut
   * shortly after, since a client that reads nothing will not read the close frame either.
   */
  private closeNotReading(): void {
    this.state = 'closed';
    this.stopHeartbeat();
    this.ws.close(CLOSE_NOT_READING, `Client not reading: more than ${LIMITS.maxBufferedBytes} bytes unsent`);
    this.cutAfterGrace();
  }

  private cutAfterGrace(): void {
    if (this.cutTimer) return;
    this.cutTimer = setTimeout(() => this.ws.terminate(), LIMITS.closeGraceMs);
    this.cutTimer.unref();
  }

  private beat(): void {
    if (this.state !== 'open') return;
    this.send(heartbeatFrame());
  }

  private onFrame(text: string): void {
    if (this.state === 'authenticating') return this.hold(text);
    if (this.state === 'open') this.deliverToHost(text);
  }

  /** Held for after the welcome, within both bounds; what is past them is counted and reported then. */
  private hold(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.pending.length >= LIMITS.maxPendingFrames || this.pendingBytes + bytes > LIMITS.maxPendingBytes) {
      if (this.dropped === 0) this.droppedBy = this.pending.length >= LIMITS.maxPendingFrames ? 'max_pending_frames' : 'max_pending_bytes';
      this.dropped += 1;
      return;
    }
    this.pending.push(text);
    this.pendingBytes += bytes;
  }

  private deliverToHost(text: string): void {
    try {
      this.host.handleFrame(this, text);
    } catch (error) {
      // Nothing a client sends may crash the process: report and answer that client.
      reportUnexpected('backend: frame handling', error);
      this.send(errorMessageFrame('INTERNAL_ERROR', 'Internal error processing message', {}));
    }
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.heartbeat = undefined;
  }

  private onClose(): void {
    this.state = 'closed';
    this.stopHeartbeat();
    this.outbox.dispose();
    if (this.cutTimer) clearTimeout(this.cutTimer);
    this.pending.length = 0;
    if (this.registered) {
      this.registered = false;
      this.host.unregister(this);
    }
  }
}
