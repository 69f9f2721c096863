import type { WebSocket } from 'ws';
import type { TokenService } from '../jwt';
import type { NetworkLatency } from '../network-latency';
import type { ClientErrors } from './client-errors';
import { type Frame, type WelcomeType, errorMessageFrame, heartbeatFrame, newConnectionId, welcomeFrame } from './frames';
import { DelayedOutbox, type Outbox, directOutbox } from './outbox';

/** Frames a client may send before its token is checked; the page may send before the welcome (section 5). */
const MAX_PENDING_FRAMES = 64;

export interface SessionHost {
  readonly tokens: TokenService;
  readonly serverId: string;
  readonly heartbeatMs: number;
  /** `ws-auth-reject`: a valid token is refused as if it were not. */
  readonly rejectAllTokens: boolean;
  /** `no-welcome`: 101, then silence. */
  readonly silent: boolean;
  readonly welcomeType: WelcomeType;
  readonly errors: ClientErrors;
  /** `real-pacing`: every frame sent crosses a network first. */
  readonly latency: NetworkLatency | undefined;
  register(session: ClientSession): void;
  unregister(session: ClientSession): void;
  handleFrame(session: ClientSession, text: string): void;
}

type State = 'authenticating' | 'open' | 'silent' | 'closed';

/** One accepted socket: authentication after accept, the welcome, keepalive, then frames to the host. */
export class ClientSession {
  readonly connectionId = newConnectionId();
  userId = '';
  private state: State = 'authenticating';
  private readonly pending: string[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly outbox: Outbox;

  constructor(
    readonly ws: WebSocket,
    private readonly host: SessionHost,
  ) {
    this.outbox = host.latency ? new DelayedOutbox(ws, host.latency) : directOutbox(ws);
    ws.on('message', (data, isBinary) => this.onFrame(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString()));
    // A frame over maxPayload (close 1009) or a protocol violation surfaces here; it must never crash.
    ws.on('error', () => undefined);
    ws.on('close', () => this.onClose());
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
        this.host.errors.authFailed({
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
    this.host.register(this);
    this.send(welcomeFrame(this.userId, this.connectionId, this.host.serverId, this.host.welcomeType));
    if (this.host.heartbeatMs > 0) {
      this.heartbeat = setTimeout(() => this.beat(), this.host.heartbeatMs);
      this.heartbeat.unref();
    }
    for (const text of this.pending.splice(0)) this.deliverToHost(text);
  }

  /** Sends and postpones the next heartbeat: heartbeats fill idle periods only (section 4). */
  send(frame: Frame): void {
    if (this.state !== 'open') return;
    this.sendRaw(frame);
    this.heartbeat?.refresh();
  }

  close(code: number, reason: string): void {
    this.outbox.close(code, reason);
  }

  terminate(): void {
    this.stopHeartbeat();
    this.outbox.dispose();
    this.ws.terminate();
  }

  private sendRaw(frame: Frame): void {
    this.outbox.send(JSON.stringify(frame));
  }

  private beat(): void {
    if (this.state !== 'open') return;
    this.send(heartbeatFrame());
  }

  private onFrame(text: string): void {
    if (this.state === 'authenticating') {
      if (this.pending.length < MAX_PENDING_FRAMES) this.pending.push(text);
      return;
    }
    if (this.state === 'open') this.deliverToHost(text);
  }

  private deliverToHost(text: string): void {
    try {
      this.host.handleFrame(this, text);
    } catch (error) {
      // Nothing a client sends may crash the process (brief, section 4): report and go on.
      process.stderr.write(`backend: frame handling failed: ${String(error)}\n`);
      this.send(errorMessageFrame('INTERNAL_ERROR', 'Internal error processing message', {}));
    }
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.heartbeat = undefined;
  }

  private onClose(): void {
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    this.stopHeartbeat();
    this.outbox.dispose();
    if (wasOpen) this.host.unregister(this);
  }
}
