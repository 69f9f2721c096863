import { base64UrlEncode } from './session.js';

/** Reconnect backoff after a drop; the reconnect budget is 3 s soft, 10 s hard (contract section 6). */
const RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000];
/** The real page's cadence (page-sends-first): about every 11 s, whatever closed the socket. */
const REAL_PAGE_RECONNECT_MS = 11_000;

/**
 * The page's one socket. It offers the browser subprotocols `["jwt-auth", "jwt.<base64url
 * token, no padding>"]` (contract section 4), queues what the user sends until the socket is
 * open (the page may send before `connection_established`, section 5), answers the server's
 * `heartbeat` and reconnects after a drop, except after 1008 (the token was refused). With
 * `sendsFirst` it reconnects like the real page: about every 11 s, after 1008 too.
 *
 * @param {{ url: string, token: () => string, sendsFirst?: boolean, onFrame: (frame: unknown) => void,
 *   onState: (state: 'connecting' | 'connected' | 'disconnected') => void,
 *   onClosed: (event: CloseEvent, willRetry: boolean, everOpened: boolean) => void }} options
 */
export function openChatSocket({ url, token, sendsFirst = false, onFrame, onState, onClosed }) {
  const queue = [];
  let socket = null;
  let attempt = 0;
  let stopped = false;
  let retryTimer = null;

  function connect() {
    onState('connecting');
    const ws = new WebSocket(url, ['jwt-auth', `jwt.${base64UrlEncode(token())}`]);
    let opened = false;
    socket = ws;
    ws.addEventListener('open', () => {
      opened = true;
      attempt = 0;
      onState('connected');
      while (queue.length > 0 && ws.readyState === WebSocket.OPEN) ws.send(queue.shift());
    });
    ws.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return; // not JSON: nothing the page can show
      }
      if (frame && frame.type === 'heartbeat') ws.send(JSON.stringify({ type: 'heartbeat_ack' }));
      onFrame(frame);
    });
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return;
      onState('disconnected');
      const willRetry = !stopped && (sendsFirst || event.code !== 1008);
      onClosed(event, willRetry, opened);
      if (willRetry) {
        const delay = sendsFirst ? REAL_PAGE_RECONNECT_MS : RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
        attempt += 1;
        retryTimer = setTimeout(connect, delay);
      }
    });
  }

  connect();
  addEventListener('pagehide', () => stop());

  function stop() {
    stopped = true;
    clearTimeout(retryTimer);
    socket?.close(1000, 'page closed');
  }

  return {
    send(message) {
      const text = JSON.stringify(message);
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
      else queue.push(text);
    },
    stop,
  };
}
