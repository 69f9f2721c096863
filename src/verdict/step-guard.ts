import type { Budget } from '../contract/run-deadlines';
import type { FloorKind, Floors } from '../config/environment';

/**
 * The real-execution guard of contract section 7, as pure functions: a step passes only if
 * it took at least its floor and left evidence read from the platform. Durations alone
 * prove nothing (a suite that checked "all tests > 1 s" and called that proof of execution proved nothing).
 */
/** `wsAnswer`: the platform's answer to something it must refuse (contract 3, 4, 4.2); no floor. */
export type StepKind = FloorKind | 'uiAnswer' | 'wsAnswer';

export type Evidence =
  /** An HTTP response read from the server: its status and its `Date` header. */
  | { kind: 'http'; method: string; url: string; status: number; date: string | undefined; durationMs: number }
  /** A 101 with the server's `Sec-WebSocket-Accept` (computed from our key: a real handshake). */
  | { kind: 'upgrade'; url: string; status: number; accept: string | undefined; durationMs: number }
  /**
   * Frames received from the server (never the client's own), with the run they carried and,
   * for an agent run, its span from the first agent event to `agent_completed`: as received
   * and by the platform's own timestamps.
   */
  | { kind: 'frames'; url: string; received: number; runId: string | undefined; types: string[]; receivedSpanMs?: number; stampedSpanMs?: number }
  /** The page's main document as the server sent it. */
  | { kind: 'document'; url: string; status: number; date: string | undefined }
  /** Something the page rendered from the server's data, read back from the DOM. */
  | { kind: 'rendered'; what: string; text: string };

const isServerHttp = (e: Evidence) => e.kind === 'http' && e.status > 0 && !!e.date;

/**
 * What each step kind must leave behind, how to say it is missing, and whether it has a floor:
 * an answer (`uiAnswer`, `wsAnswer`) is read from what the platform already sent or refused, so
 * it can be quick without being fake; its evidence is what proves it ran.
 */
const REQUIREMENTS: Record<StepKind, { test: (evidence: readonly Evidence[]) => boolean; needs: string; floor: boolean }> = {
  http: { test: (ev) => ev.some(isServerHttp), needs: 'an HTTP response from the server with a status and a Date header', floor: true },
  token: {
    test: (ev) => ev.some((e) => isServerHttp(e) && e.kind === 'http' && e.status === 200),
    needs: 'a 200 response from the auth service (with a Date header) that issued the token',
    floor: true,
  },
  wsConnect: {
    test: (ev) =>
      ev.some((e) => e.kind === 'upgrade' && e.status === 101 && !!e.accept) &&
      ev.some((e) => e.kind === 'frames' && e.received > 0),
    needs: "a 101 answer with the server's Sec-WebSocket-Accept and at least one frame received from the server",
    floor: true,
  },
  agentRun: {
    test: (ev) => ev.some((e) => e.kind === 'frames' && e.received > 0 && !!e.runId),
    needs: "agent events received from the server carrying the run's run_id",
    floor: true,
  },
  pageLoad: {
    test: (ev) => ev.some((e) => e.kind === 'document' && e.status > 0) && ev.some((e) => e.kind === 'rendered'),
    needs: "the page's document from the server and a rendered chat page read back from the DOM",
    floor: true,
  },
  wsAnswer: {
    test: (ev) => ev.some((e) => e.kind === 'frames' && e.received > 0) || ev.some(isServerHttp),
    needs: 'a frame received from the server, or an HTTP answer from the server with a status and a Date header',
    floor: false,
  },
  uiAnswer: {
    test: (ev) => ev.some((e) => e.kind === 'rendered' && e.text.trim().length > 0),
    needs: "the agent's answer read back from the page",
    floor: false,
  },
};

/** The least time a step of this kind may take (contract section 7); 0 for a kind without a floor. */
export function stepFloorMs(kind: StepKind, floors: Floors): number {
  return hasFloor(kind) ? floors[kind] : 0;
}

const hasFloor = (kind: StepKind): kind is FloorKind => REQUIREMENTS[kind].floor;

export type StepVerdict = 'PASS' | 'SLOW' | 'FAIL';

export function budgetVerdict(durationMs: number, budget: Budget): StepVerdict {
  if (durationMs > budget.hardMs) return 'FAIL';
  if (durationMs > budget.softMs) return 'SLOW';
  return 'PASS';
}

/** Returns why a finished step does not count as really executed, or undefined when it does. */
export function realExecutionProblem(
  kind: StepKind,
  durationMs: number,
  floorMs: number,
  evidence: readonly Evidence[],
): string | undefined {
  const requirement = REQUIREMENTS[kind];
  if (!requirement.test(evidence)) {
    const had = evidence.length ? evidence.map((e) => e.kind).join(', ') : 'none';
    return `no evidence of real execution: needed ${requirement.needs}; recorded: ${had}`;
  }
  // An agent run is measured by its own span, not by the step: the step also holds typing, the
  // thread request, rendering and the platform's delay before the run starts, which on a busy
  // CI machine passed the floor on their own while the agent's events came as one burst. A busy
  // browser can spread a burst over a few hundred ms as it receives it; the platform's own
  // timestamps cannot be spread by the client.
  const span = kind === 'agentRun' ? shortestRun(evidence) : undefined;
  if (span && span.ms < floorMs) {
    return `the agent ran for ${span.ms.toFixed(1)} ms ${span.how} (first agent event → agent_completed), under its floor of ${floorMs} ms: a real agent cannot work that fast`;
  }
  if (durationMs < floorMs) {
    return `took ${durationMs.toFixed(1)} ms, under its floor of ${floorMs} ms for a ${kind} step: a real platform cannot answer that fast`;
  }
  return undefined;
}

/** The shortest agent run the step recorded (several users each record theirs), either way measured. */
function shortestRun(evidence: readonly Evidence[]): { ms: number; how: string } | undefined {
  const spans: { ms: number | undefined; how: string }[] = evidence.flatMap((e) =>
    e.kind === 'frames'
      ? [
          { ms: e.receivedSpanMs, how: 'as received' },
          { ms: e.stampedSpanMs, how: "by the platform's own timestamps" },
        ]
      : [],
  );
  const measured = spans.filter((s): s is { ms: number; how: string } => s.ms !== undefined);
  return measured.sort((a, b) => a.ms - b.ms)[0];
}

/** One row of a test's timing table (attached to Allure, read by the summary reporter). */
export interface StepRecord {
  title: string;
  kind: StepKind;
  budget: string;
  durationMs: number;
  softMs: number;
  hardMs: number;
  floorMs: number;
  verdict: StepVerdict;
  failureClass?: string;
  message?: string;
  evidence: Evidence[];
}
