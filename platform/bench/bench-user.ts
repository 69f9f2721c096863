import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { GOLDEN_PATH_EVENTS } from '../faults';

type Frame = Record<string, unknown>;

const AGENT_EVENTS: ReadonlySet<string> = new Set([...GOLDEN_PATH_EVENTS, 'agent_error']);

export interface UserOutcome {
  userId: string;
  /** Socket opened to welcome frame received. */
  connectMs?: number;
  /** Message sent to the first agent event. */
  firstEventMs?: number;
  /** Message sent to the bare `agent_completed` that ends the run. */
  runMs?: number;
  events: number;
  error?: string;
}

/**
 * One simulated user: an authenticated socket that completes one run and checks on the way
 * what the golden path checks (contract section 4.1, 4.2): order, all five events, and only
 * its own user, run and thread ids.
 */
export class BenchUser {
  readonly outcome: UserOutcome;
  private ws: WebSocket | undefined;
  private readonly threadId = randomUUID();
  private runId: string | undefined;
  private sentAt = 0;
  private seen = new Set<string>();
  private onDone: ((error?: string) => void) | undefined;

  constructor(
    private readonly token: string,
    userId: string,
  ) {
    this.outcome = { userId, events: 0 };
  }

  connect(wsUrl: string, timeoutMs: number): Promise<void> {
    const openedAt = performance.now();
    const protocols = ['jwt-auth', `jwt.${Buffer.from(this.token).toString('base64url')}`];
    const ws = new WebSocket(wsUrl, protocols, { handshakeTimeout: timeoutMs, perMessageDeflate: false });
    this.ws = ws;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no welcome within ${timeoutMs} ms`)), timeoutMs);
      ws.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
        this.finish(`socket error: ${error.message}`);
      });
      ws.on('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        reject(new Error(`upgrade answered HTTP ${res.statusCode}`));
      });
      ws.on('close', (code, reason) => this.finish(`socket closed ${code} ${reason.toString()} before the run completed`));
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Frame;
        if (frame['type'] === 'connection_established') {
          this.outcome.connectMs = performance.now() - openedAt;
          clearTimeout(timer);
          resolve();
          return;
        }
        this.onFrame(frame);
      });
    });
  }

  run(content: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish(`run not completed within ${timeoutMs} ms`), timeoutMs);
      this.onDone = (error) => {
        clearTimeout(timer);
        if (error && !this.outcome.error) this.outcome.error = error;
        resolve();
      };
      this.sentAt = performance.now();
      this.ws!.send(JSON.stringify({ type: 'user_message', payload: { content, thread_id: this.threadId } }));
    });
  }

  close(): void {
    this.onDone = undefined;
    this.ws?.removeAllListeners('close');
    this.ws?.terminate();
  }

  private onFrame(frame: Frame): void {
    const type = String(frame['type']);
    if (!AGENT_EVENTS.has(type)) return;
    this.outcome.events++;
    if (this.outcome.firstEventMs === undefined) this.outcome.firstEventMs = performance.now() - this.sentAt;
    if (type === 'agent_error') return this.finish('agent_error event');
    if (frame['user_id'] !== undefined && frame['user_id'] !== this.outcome.userId) return this.finish(`isolation breach: frame for ${String(frame['user_id'])}`);
    if (frame['thread_id'] !== undefined && frame['thread_id'] !== this.threadId) return this.finish('isolation breach: foreign thread_id');
    if (frame['run_id'] !== undefined) {
      this.runId ??= String(frame['run_id']);
      if (frame['run_id'] !== this.runId) return this.finish('isolation breach: foreign run_id');
    }
    if (this.seen.size === 0 && type !== 'agent_started') return this.finish(`first event was ${type}`);
    this.seen.add(type);
    if (type === 'agent_completed' && frame['run_id'] === undefined) {
      this.outcome.runMs = performance.now() - this.sentAt;
      const missing = GOLDEN_PATH_EVENTS.filter((t) => !this.seen.has(t));
      this.finish(missing.length > 0 ? `missing events: ${missing.join(', ')}` : undefined);
    }
  }

  private finish(error?: string): void {
    const done = this.onDone;
    this.onDone = undefined;
    if (done) done(error);
    else if (error && this.outcome.runMs === undefined && this.sentAt > 0 && !this.outcome.error) this.outcome.error = error;
  }
}
