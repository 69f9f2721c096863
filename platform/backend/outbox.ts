import { WebSocket } from 'ws';
import type { NetworkLatency } from '../network-latency';

/** What leaves one socket, frames and the closing handshake, in the order they were given. */
export interface Outbox {
  send(text: string): void;
  close(code: number, reason: string): void;
  /** The socket is gone: whatever is still waiting is dropped and its timer cleared. */
  dispose(): void;
}

export function directOutbox(ws: WebSocket): Outbox {
  return {
    send: (text) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    close: (code, reason) => ws.close(code, reason),
    dispose: () => undefined,
  };
}

/** Far more than a healthy socket ever holds for 150 ms; a flood is sent on at once, in order. */
const MAX_WAITING = 1000;

/**
 * Variant `real-pacing`: each frame leaves one sampled latency after it was sent, but never
 * before the frame sent before it (a socket is one ordered stream: jitter delays, it never
 * reorders). One timer per socket at most, cleared on dispose.
 */
export class DelayedOutbox implements Outbox {
  private readonly waiting: { dueAt: number; act: () => void }[] = [];
  private readonly direct: Outbox;
  private timer: NodeJS.Timeout | undefined;
  private lastDueAt = 0;

  constructor(
    ws: WebSocket,
    private readonly latency: NetworkLatency,
  ) {
    this.direct = directOutbox(ws);
  }

  send(text: string): void {
    this.enqueue(() => this.direct.send(text));
  }

  close(code: number, reason: string): void {
    this.enqueue(() => this.direct.close(code, reason));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.length = 0;
  }

  private enqueue(act: () => void): void {
    if (this.waiting.length >= MAX_WAITING) this.release(Number.POSITIVE_INFINITY);
    this.lastDueAt = Math.max(Date.now() + this.latency.sampleMs(), this.lastDueAt);
    this.waiting.push({ dueAt: this.lastDueAt, act });
    if (!this.timer) this.arm();
  }

  private arm(): void {
    const head = this.waiting[0];
    if (!head) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.release(Date.now());
      this.arm();
    }, Math.max(0, head.dueAt - Date.now()));
  }

  private release(until: number): void {
    while (this.waiting[0] && this.waiting[0].dueAt <= until) this.waiting.shift()!.act();
  }
}
