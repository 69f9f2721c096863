import WebSocket from 'ws';
import { GOLDEN_PATH_EVENTS } from '../../faults';
import { within } from './deadline';

export type Frame = Record<string, unknown>;

export type TokenStyle = 'subprotocol' | 'raw-subprotocol' | 'bearer' | 'none';

export interface ProbeOptions {
  token?: string;
  /** How the token travels (contract section 4); default the browser's base64url subprotocol. */
  style?: TokenStyle;
  /** Replaces `/ws` in the URL, e.g. `/api/v1/websocket`. */
  path?: string;
  handshakeTimeoutMs?: number;
  /** The `Origin` header a browser page would send; none by default, as a non-browser client. */
  origin?: string;
}

export interface CloseInfo {
  code: number;
  reason: string;
}

/** Thrown when the upgrade is answered with an HTTP status instead of 101. */
export class UpgradeRejected extends Error {
  constructor(readonly status: number) {
    super(`upgrade answered HTTP ${status}`);
  }
}

function subprotocolsFor(token: string, style: TokenStyle): string[] {
  if (style === 'subprotocol') return ['jwt-auth', `jwt.${Buffer.from(token).toString('base64url')}`];
  if (style === 'raw-subprotocol') return ['jwt-auth', `jwt.${token}`];
  return [];
}

/**
 * A raw `ws` client that records every frame the server sent, so a test can wait for one with a
 * deadline and then look at everything that came, in order.
 */
export class WireSocket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<CloseInfo>;
  private waiters: (() => void)[] = [];
  private closeInfo: CloseInfo | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.notify();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
        this.notify();
      });
    });
    ws.on('error', () => undefined);
  }

  static open(wsUrl: string, o: ProbeOptions = {}): Promise<WireSocket> {
    const url = o.path ? wsUrl.replace(/\/ws$/, o.path) : wsUrl;
    const style = o.style ?? 'subprotocol';
    const protocols = o.token ? subprotocolsFor(o.token, style) : [];
    const headers: Record<string, string> = style === 'bearer' && o.token ? { Authorization: `Bearer ${o.token}` } : {};
    const ws = new WebSocket(url, protocols, { headers, handshakeTimeout: o.handshakeTimeoutMs ?? 5000, ...(o.origin ? { origin: o.origin } : {}) });
    const probe = new WireSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(probe));
      ws.once('unexpected-response', (_req, res) => {
        reject(new UpgradeRejected(res.statusCode ?? 0));
        res.resume();
        ws.terminate();
      });
      ws.once('error', (error) => reject(error));
    });
  }

  /** Opened, and the server's welcome (`connection_established`) received. */
  static async welcomed(wsUrl: string, o: ProbeOptions = {}): Promise<WireSocket> {
    const probe = await WireSocket.open(wsUrl, o);
    await probe.waitFor((f) => f['type'] === 'connection_established', 2000, 'connection_established');
    return probe;
  }

  get isClosed(): boolean {
    return this.closeInfo !== undefined;
  }

  send(message: Frame | string): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first frame at index >= `from` that matches, waiting up to `timeoutMs`. */
  async waitFor(predicate: (f: Frame) => boolean, timeoutMs: number, what: string, from = 0): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0 || this.closeInfo) {
        const seen = this.frames.map((f) => String(f['type'])).join(', ');
        const closed = this.closeInfo ? `; socket closed ${this.closeInfo.code} ${this.closeInfo.reason}` : '';
        throw new Error(`no ${what} within ${timeoutMs} ms (frames: [${seen}]${closed})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Silence can only be seen over a window: resolves if no frame after `from` arrives within `windowMs`, else throws with it. */
  async expectSilence(windowMs: number, from = this.frames.length): Promise<void> {
    const frame = await this.waitFor(() => true, windowMs, 'frame', from).catch(() => undefined);
    if (frame) throw new Error(`expected silence, got ${JSON.stringify(frame)}`);
  }

  closedWithin(timeoutMs: number): Promise<CloseInfo> {
    return within(this.closed, timeoutMs, () => 'socket not closed');
  }

  close(): void {
    this.ws.terminate();
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** The end of a run on one socket: the real backend's bare `agent_completed` (section 4.1). */
export const isBareCompletion = (f: Frame): boolean => f['type'] === 'agent_completed' && f['run_id'] === undefined;

const AGENT_EVENT_TYPES: ReadonlySet<string> = new Set([...GOLDEN_PATH_EVENTS, 'agent_error']);

export const isAgentEvent = (f: Frame): boolean => AGENT_EVENT_TYPES.has(String(f['type']));

/** The event types of one reference run, in order, the bare completion last (section 4.1). */
export const REFERENCE_RUN = [
  'agent_started',
  'agent_thinking',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_thinking',
  'agent_completed',
  'agent_completed',
];
