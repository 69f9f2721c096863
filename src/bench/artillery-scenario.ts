import type { LatencySummary } from '../verdict/latency-percentiles';

/**
 * The same socket flow for Artillery's WebSocket engine, for the side-by-side benchmark: each
 * virtual user connects with the browser's subprotocols and its own token (prepared by the
 * suite, one distinct e2e user each), waits for the welcome, sends the golden message on its
 * own thread, reads frames until agent_completed, then holds its socket like ours does. The
 * processor times the same steps our load mode times. Pure: builds the script and reads the
 * report; the bench writes the files and runs Artillery.
 */
export interface ArtilleryPlan {
  wsUrl: string;
  users: number;
  rampSeconds: number;
  /** Each VU holds its socket this long after its run, so that all are connected at once. */
  holdSeconds: number;
  /** Seconds a `wait` may take before the VU fails with "response timeout". */
  waitTimeoutSeconds: number;
  payloadFile: string;
  processorFile: string;
  content: string;
}

export function artilleryScript(p: ArtilleryPlan): object {
  return {
    config: {
      target: p.wsUrl,
      phases: [{ name: 'ramp', duration: p.rampSeconds, arrivalCount: p.users }],
      payload: { path: p.payloadFile, fields: ['token', 'threadId', 'subprotocol'], order: 'sequence', skipHeader: false },
      processor: p.processorFile,
      ws: { timeout: p.waitTimeoutSeconds },
    },
    scenarios: [
      {
        name: 'golden socket flow',
        engine: 'ws',
        flow: [
          { connect: { function: 'useOwnToken' } },
          // The ws engine reads one frame per wait step and drops frames that arrive between
          // steps; the welcome comes right after the handshake, so waiting for it loses it now
          // and then (a VU then times out). Like the page may (contract 5), send first instead.
          { function: 'opened' },
          { send: { type: 'user_message', payload: { content: p.content, thread_id: '{{ threadId }}' } } },
          {
            loop: [{ wait: { capture: [{ json: '$.type', as: 'lastType' }, { json: '$.timestamp', as: 'lastStamp', strict: false }] } }, { function: 'onFrame' }],
            whileTrue: 'notCompleted',
          },
          { think: p.holdSeconds },
        ],
      },
    ],
  };
}

/**
 * CommonJS processor for Artillery. Histograms (ms): welcome (connect → welcome, when the engine
 * caught it), first event and agent_completed (message sent → …), and platform timestamp →
 * handled, the same cross-check our load mode reports.
 */
export const ARTILLERY_PROCESSOR = `'use strict';
const { performance } = require('node:perf_hooks');
module.exports = {
  useOwnToken(wsArgs, context, done) {
    wsArgs.subprotocols = ['jwt-auth', context.vars.subprotocol];
    wsArgs.options = { ...(wsArgs.options || {}), perMessageDeflate: false };
    context.vars.t0 = performance.now();
    done();
  },
  opened(context, events, done) {
    context.vars.sentAt = performance.now();
    done();
  },
  onFrame(context, events, done) {
    const now = performance.now();
    const type = context.vars.lastType;
    const stamp = context.vars.lastStamp;
    if (type === 'connection_established') events.emit('histogram', 'golden.welcome_ms', now - context.vars.t0);
    if (typeof stamp === 'string') events.emit('histogram', 'golden.stamp_to_handled_ms', Date.now() - Date.parse(stamp));
    if (type === 'agent_started' && context.vars.firstAt === undefined) {
      context.vars.firstAt = now;
      events.emit('histogram', 'golden.first_event_ms', now - context.vars.sentAt);
    }
    if (type === 'agent_completed') {
      events.emit('histogram', 'golden.completed_ms', now - context.vars.sentAt);
      // The real backend sends a second, bare agent_completed right after the first; the ws
      // engine's last wait handler would take it and call its step's callback twice.
      context.ws.onmessage = undefined;
    }
    if (type === 'error' || type === 'error_message' || type === 'agent_error') events.emit('counter', 'golden.error_frames', 1);
    done();
  },
  notCompleted(context, next) {
    next(context.vars.lastType !== 'agent_completed');
  },
};
`;

/** Artillery's summaries in the shape of the suite's own latency rows. */
export type Quantiles = Omit<LatencySummary, 'measure'>;

export interface ArtilleryOutcome {
  created: number;
  completed: number;
  failed: number;
  errors: Record<string, number>;
  welcome?: Quantiles;
  firstEvent?: Quantiles;
  completedRun?: Quantiles;
  stampToHandled?: Quantiles;
  sessionLength?: Quantiles;
}

type Summary = { count?: number; p50?: number; median?: number; p95?: number; max?: number };

/** Reads the aggregate of Artillery's `--output` JSON report. */
export function readArtilleryReport(report: unknown): ArtilleryOutcome {
  const aggregate = ((report as { aggregate?: unknown })?.aggregate ?? {}) as { counters?: Record<string, number>; summaries?: Record<string, Summary> };
  const counters = aggregate.counters ?? {};
  const summaries = aggregate.summaries ?? {};
  const q = (name: string): Quantiles | undefined => {
    const s = summaries[name];
    return s ? { count: s.count ?? 0, p50: s.p50 ?? s.median ?? Number.NaN, p95: s.p95 ?? Number.NaN, max: s.max ?? Number.NaN } : undefined;
  };
  const errors: Record<string, number> = {};
  for (const [k, v] of Object.entries(counters)) if (k.startsWith('errors.')) errors[k.slice('errors.'.length)] = v;
  return {
    created: counters['vusers.created'] ?? 0,
    completed: counters['vusers.completed'] ?? 0,
    failed: counters['vusers.failed'] ?? 0,
    errors,
    welcome: q('golden.welcome_ms'),
    firstEvent: q('golden.first_event_ms'),
    completedRun: q('golden.completed_ms'),
    stampToHandled: q('golden.stamp_to_handled_ms'),
    sessionLength: q('vusers.session_length'),
  };
}
