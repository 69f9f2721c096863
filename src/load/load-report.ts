import { failureClassOf } from '../contract/failure-classes';
import { renderLatencyTable, type LatencySummary } from '../verdict/latency-percentiles';

/**
 * What a load run measured, as data (written as JSON) and as Markdown (printed). Pure: the
 * driver collects, these functions shape and judge.
 */
export const UNFINISHED = 'UNFINISHED_AT_DEADLINE';

/** What this client may add to a frame's latency: the p95 bound stays under this. */
export const ADDED_P95_GOAL_MS = 5;

export interface ClassCount {
  failureClass: string;
  count: number;
  /** The first message of this class, first line only. */
  example: string;
}

export interface LoadReport {
  tool: string;
  environment: string;
  urls: { auth: string; backend: string; ws: string };
  startedAt: string;
  options: { users: number; rampMs: number; durationLimitMs: number };
  users: { planned: number; started: number; succeeded: number; failed: number; unfinished: number };
  successRate: number;
  /** Most sockets this client held open at one moment (NaN where the engine does not know). */
  peakOpenSockets: number;
  wallMs: number;
  throughput: { runsPerSecond: number; framesPerSecond: number; framesReceived: number };
  /** Per step, across users. */
  steps: LatencySummary[];
  /** What this client adds to every frame's latency (frame → verdict and platform stamp → verdict: docs/load.md, figures in docs/benchmarks.md). */
  clientAdded: {
    frameToVerdict: LatencySummary;
    eventLoopDelay: Pick<LatencySummary, 'p50' | 'p95' | 'max'>;
    /** p95 of frame → verdict plus p95 of event-loop delay: an upper bound on the p95 added. */
    p95BoundMs: number;
    /** Cross-check, 1 ms resolution: the platform's own event timestamp to the verdict (its send path included). */
    serverStampToVerdict: LatencySummary;
  };
  errors: ClassCount[];
  /** Artillery only: its `ensure` checks as it printed them, and its exit code. */
  artillery?: { exitCode: number | null; ensure: { passed: string[]; failed: string[]; warnings: string[] }; reportFile: string };
  cpu: { userMs: number; systemMs: number; percentOfOneCore: number };
  memory: { peakRssMb: number };
}

/** Counts failures by their contract class (UNCLASSIFIED when a message has none). */
export function errorsByClass(messages: readonly string[]): ClassCount[] {
  const byClass = new Map<string, ClassCount>();
  for (const message of messages) {
    const cls = message.startsWith(`[${UNFINISHED}]`) ? UNFINISHED : (failureClassOf(message) ?? 'UNCLASSIFIED');
    const entry = byClass.get(cls) ?? { failureClass: cls, count: 0, example: message.split('\n')[0]?.slice(0, 300) ?? '' };
    entry.count += 1;
    byClass.set(cls, entry);
  }
  return [...byClass.values()].sort((a, b) => b.count - a.count);
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

/** A load run passes when every planned user completed the golden flow and Artillery's own checks held. */
export function loadPassed(r: LoadReport): boolean {
  return r.users.succeeded === r.users.planned && (!r.artillery || (r.artillery.exitCode === 0 && r.artillery.ensure.failed.length === 0));
}

/** The verdict two engines must agree on: pass or fail, and the classes counted. */
export function loadVerdict(r: LoadReport): { pass: boolean; classes: string[] } {
  return { pass: loadPassed(r), classes: r.errors.map((e) => e.failureClass).sort() };
}

export function renderLoadReport(r: LoadReport): string {
  const u = r.users;
  const lines = [
    `### ${r.tool}: ${u.planned} users over ${r.options.rampMs / 1000} s against ${r.environment} (${r.urls.ws})`,
    '',
    '| users | succeeded | failed | unfinished | success | peak open sockets | wall | runs/s | frames/s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${u.planned} | ${u.succeeded} | ${u.failed} | ${u.unfinished} | ${(r.successRate * 100).toFixed(1)} % | ${Number.isFinite(r.peakOpenSockets) ? r.peakOpenSockets : '–'} | ${f1(r.wallMs / 1000)} s | ${f1(r.throughput.runsPerSecond)} | ${f1(r.throughput.framesPerSecond)} |`,
    '',
    renderLatencyTable(r.steps).trimEnd(),
    '',
    '| client-side added latency | p50 | p95 | max |',
    '|---|---:|---:|---:|',
    `| frame arrival → checker verdict | ${f1(r.clientAdded.frameToVerdict.p50)} ms | ${f1(r.clientAdded.frameToVerdict.p95)} ms | ${f1(r.clientAdded.frameToVerdict.max)} ms |`,
    `| event-loop delay | ${f1(r.clientAdded.eventLoopDelay.p50)} ms | ${f1(r.clientAdded.eventLoopDelay.p95)} ms | ${f1(r.clientAdded.eventLoopDelay.max)} ms |`,
    `| **p95 bound (sum of the p95s; goal < ${ADDED_P95_GOAL_MS} ms)** | | **${f1(r.clientAdded.p95BoundMs)} ms** | |`,
    `| cross-check: platform timestamp → checker verdict | ${f1(r.clientAdded.serverStampToVerdict.p50)} ms | ${f1(r.clientAdded.serverStampToVerdict.p95)} ms | ${f1(r.clientAdded.serverStampToVerdict.max)} ms |`,
    '',
    `CPU ${f1(r.cpu.userMs / 1000)} s user + ${f1(r.cpu.systemMs / 1000)} s system = ${f1(r.cpu.percentOfOneCore)} % of one core · peak RSS ${f1(r.memory.peakRssMb)} MB`,
  ];
  if (r.artillery) {
    const e = r.artillery.ensure;
    lines.push('', `Artillery ensure: ${e.passed.length} ok${e.failed.length ? `, failed: ${e.failed.join('; ')}` : ''}${e.warnings.length ? `, warnings: ${e.warnings.join('; ')}` : ''} · exit ${r.artillery.exitCode} · report ${r.artillery.reportFile}`);
  }
  if (r.errors.length > 0) {
    lines.push('', '| error class | users | first message |', '|---|---:|---|');
    for (const e of r.errors) lines.push(`| ${e.failureClass} | ${e.count} | ${e.example.replace(/\|/g, '\\|').slice(0, 200)} |`);
  } else {
    lines.push('', 'errors: none');
  }
  return lines.join('\n') + '\n';
}
