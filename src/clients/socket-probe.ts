import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { errorCodeOf, normaliseFrame, type NormalisedFrame } from '../contract/events';
import type { RefusalObservation } from '../contract/unhappy-paths';
import { browserSubprotocols } from './socket-client';
import { readRefusal } from './upgrade-refusal';

/**
 * Offers a credential to the socket and reports what came back, without judging it: the
 * unhappy paths need to see the whole refusal (the AUTH_FAILED frame *and* the 1008 after it),
 * where `SocketSession.connect` stops at the first sign of trouble. It ends at the first of:
 * an HTTP status instead of 101, a TCP error, a welcome (accepted), a close, or the budget.
 */
export interface ProbeOptions {
  url: string;
  token: string;
  auth?: 'subprotocol' | 'bearer';
  budgetMs: number;
}

export interface SocketProbe extends RefusalObservation {
  url: string;
  /** The 101, with the server's Sec-WebSocket-Accept: proof that a real server answered. */
  upgrade?: { status: number; accept: string | undefined; durationMs: number };
  /** The `Date` header of an HTTP answer instead of 101. */
  httpDate?: string;
  durationMs: number;
}

export function probeSocket(options: ProbeOptions): Promise<SocketProbe> {
  const { url, token, budgetMs } = options;
  const started = performance.now();
  const protocols = options.auth === 'bearer' ? [] : browserSubprotocols(token);
  const headers = options.auth === 'bearer' ? { Authorization: `Bearer ${token}` } : undefined;
  const frames: NormalisedFrame[] = [];
  const probe: SocketProbe = { url, upgraded: false, frames, timedOut: false, budgetMs, durationMs: 0 };
  return new Promise<SocketProbe>((resolve) => {
    const ws = new WebSocket(url, protocols, { headers, perMessageDeflate: false });
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      probe.durationMs = performance.now() - started;
      ws.removeAllListeners('message');
      ws.terminate();
      resolve(probe);
    };
    const timer = setTimeout(() => {
      probe.timedOut = true;
      finish();
    }, budgetMs);

    ws.on('unexpected-response', (req, res) =>
      readRefusal(req, res, ({ status, bodyExcerpt, date }) => {
        probe.http = { status, bodyExcerpt };
        probe.httpDate = date;
        finish();
      }),
    );
    ws.on('upgrade', (res) => {
      probe.upgraded = true;
      const accept = res.headers['sec-websocket-accept'];
      probe.upgrade = { status: res.statusCode ?? 0, accept: typeof accept === 'string' ? accept : undefined, durationMs: performance.now() - started };
    });
    ws.on('error', (err: NodeJS.ErrnoException) => {
      // terminate() at the deadline emits an error of its own: the deadline is the outcome.
      if (!settled && !probe.upgraded && !probe.http) {
        probe.tcpError = { code: err.code, message: err.message };
        finish();
      }
    });
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? `<binary ${(data as Buffer).length} bytes>` : data.toString();
      const frame = normaliseFrame(text, performance.now());
      frames.push(frame);
      // A welcome settles it (accepted); an AUTH_FAILED frame does not: the close must follow.
      if (frame.kind === 'welcome' && errorCodeOf(frame) === undefined) finish();
    });
    ws.on('close', (code, reason) => {
      if (probe.upgraded) probe.close = { code, reason: reason.toString() };
      finish();
    });
  });
}
