import type { Server } from 'node:http';

/**
 * Variant `real-pacing`: the platform as seen across a real network, 50–150 ms from the client
 * with jitter on every answer. A sampler, so that tests can pin it.
 */
export interface NetworkLatency {
  sampleMs(): number;
}

export const REAL_NETWORK_MS = { min: 50, max: 150 } as const;

export function jitteredLatency(minMs: number, maxMs: number, random: () => number = Math.random): NetworkLatency {
  return { sampleMs: () => Math.round(minMs + random() * (maxMs - minMs)) };
}

type Listener = (...args: unknown[]) => void;

/**
 * Every request and every socket upgrade that `server` handles is handled one sampled latency
 * after it arrived, so every HTTP answer (and the 101) comes that much later. Call after all
 * listeners are attached. A pending delay is cancelled when its connection closes; the function
 * returned cancels all of them (the service stopping), so no timer outlives the service.
 */
export function delayServer(server: Server, latency: NetworkLatency): () => void {
  const pending = new Set<NodeJS.Timeout>();
  for (const event of ['request', 'upgrade'] as const) {
    const listeners = server.listeners(event) as Listener[];
    // Without a listener Node refuses an upgrade itself; wrapping nothing would hang it instead.
    if (listeners.length === 0) continue;
    server.removeAllListeners(event);
    server.on(event, (...args: unknown[]) => {
      const timer = setTimeout(() => {
        pending.delete(timer);
        for (const listener of listeners) listener.apply(server, args);
      }, latency.sampleMs());
      pending.add(timer);
      // args[1] is the response of a request and the socket of an upgrade: both say when they close.
      (args[1] as NodeJS.EventEmitter).once('close', () => {
        clearTimeout(timer);
        pending.delete(timer);
      });
    });
  }
  return () => {
    for (const timer of pending) clearTimeout(timer);
    pending.clear();
  };
}
