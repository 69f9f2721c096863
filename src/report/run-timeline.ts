import type { AgentRun } from '../contract/agent-run';
import { CRITICAL_EVENTS, type NormalisedFrame } from '../contract/events';
import { excerpt } from '../contract/excerpt';
import { duration } from '../verdict/step-trends';
import { px, svgDocument, text, xml } from './svg';

/**
 * One agent run as a picture: the message sent at zero, then every frame on one time axis, one
 * row per critical event (contract section 4.1), the first-event and run budgets drawn (section
 * 6), the answer and the saved conversation marked. On a red run the empty row of a missing
 * event, a dot past a budget line or the failure's own line say at a glance what broke.
 * Pure: data in, SVG text out.
 */
/** A test's runs as data, attached by the worker; the golden-path reporter draws each on the test. */
export const TIMELINES_ATTACHMENT = 'run-timelines.json';

export interface NamedTimeline {
  /** The picture's attachment name: `timeline · run 1 of 10 · <user>`. */
  name: string;
  timeline: RunTimeline;
}

export interface Budget {
  softMs: number;
  hardMs: number;
}

export interface TimelineFrame {
  /** Milliseconds after the message was sent. */
  atMs: number;
  type: string;
  /** An event of this run (else: a keepalive, an ack, an error, another run's or an unknown frame). */
  ofRun: boolean;
  /** The frame the run's failure names (the event out of order, the foreign frame). */
  culprit?: boolean;
}

export type MarkKind = 'answer' | 'shown' | 'saved';

export interface RunTimeline {
  title: string;
  frames: TimelineFrame[];
  budgets: { firstEvent: Budget; run: Budget };
  marks: { kind: MarkKind; atMs: number }[];
  /** How the run ended, when it did not complete; no class when the test ended first. */
  failure?: { failureClass?: string; atMs: number; detail: string };
}

/** A run as the suite followed it, on the client's clock (performance.now). */
export interface FollowedRun {
  title: string;
  run: AgentRun;
  /** Everything the socket received (the run's events are among them). */
  received: readonly NormalisedFrame[];
  budgets: RunTimeline['budgets'];
  /** When the run settled; unset when the test ended first. */
  settledAt?: number;
  failure?: { failureClass?: string; detail: string };
  marks: { kind: MarkKind; at: number }[];
  /** When the test's teardown drew it. */
  drawnAt: number;
}

/** The picture's data: every frame from the message to the end, times counted from the message. */
export function timelineOf(f: FollowedRun): RunTimeline | undefined {
  const sent = f.run.sentAt;
  if (sent === undefined) return undefined;
  const end = f.settledAt ?? f.drawnAt;
  const ofRun = new Set(f.run.events);
  const culprit = f.run.finding?.frame;
  const frames = f.received
    .filter((fr) => fr.receivedAt >= sent && fr.receivedAt <= end)
    .map((fr): TimelineFrame => ({ atMs: fr.receivedAt - sent, type: fr.type || fr.kind, ofRun: ofRun.has(fr), ...(culprit !== undefined && fr.raw === culprit ? { culprit: true } : {}) }));
  const marks = f.marks.filter((m) => m.at >= sent).map((m) => ({ kind: m.kind, atMs: m.at - sent }));
  if (f.run.completedAt !== undefined) marks.unshift({ kind: 'answer', atMs: f.run.completedAt - sent });
  const failure = f.failure
    ? { ...f.failure, atMs: end - sent }
    : f.settledAt === undefined
      ? { atMs: end - sent, detail: 'the test ended before the run did' }
      : undefined;
  return { title: f.title, frames, budgets: f.budgets, marks, failure };
}

const MARK_LABEL: Record<MarkKind, string> = { answer: 'answer received', shown: 'answer shown', saved: 'conversation saved' };
const OTHER_ROW = 'other frames';
const COLOURS = { event: '#2563eb', slow: '#d97706', late: '#dc2626', other: '#9ca3af', mark: '#059669', soft: '#d97706', hard: '#dc2626', grid: '#e5e7eb', ink: '#111827', dim: '#6b7280' };

const WIDTH = 960;
const LEFT = 200;
const RIGHT = 24;
const PLOT = WIDTH - LEFT - RIGHT;
const ROW = 26;
const TOP = 86;

export interface TimeScale {
  x(ms: number): number;
  /** Where the axis is broken (ms), when the budgets lie far past the run. */
  breakAt?: number;
  end: number;
}

/**
 * Time to x. The run gets the room: when the budgets lie far beyond it (a 1.4 s run, a 15 s
 * hard budget), the axis is broken and each budget past the break gets its own slot in a short
 * tail, in order, still drawn and named in the legend.
 */
export function timelineScale(t: RunTimeline): TimeScale {
  const times = [0, ...t.frames.map((f) => f.atMs), ...t.marks.map((m) => m.atMs), t.failure?.atMs ?? 0];
  const main = niceCeil(Math.max(Math.max(...times) * 1.08, 500));
  const far = Math.max(...budgetsOf(t).map((b) => b.ms));
  if (far <= main * 2.5) {
    const end = Math.max(main, far * 1.04);
    return { x: (ms) => LEFT + (ms / end) * PLOT, end };
  }
  const split = LEFT + PLOT * 0.8;
  const tail = LEFT + PLOT * 0.84;
  const beyond = [...new Set(budgetsOf(t).map((b) => b.ms).filter((ms) => ms > main))].sort((a, b) => a - b);
  const end = far * 1.04;
  // (ms, x) knots: the break, one slot per budget, the end; straight lines between them.
  const knots: [number, number][] = [[main, tail], ...beyond.map((ms, i): [number, number] => [ms, tail + ((i + 1) / (beyond.length + 0.5)) * (LEFT + PLOT - tail)]), [end, LEFT + PLOT]];
  return {
    x: (ms) => {
      if (ms <= main) return LEFT + (ms / main) * (split - LEFT);
      const i = knots.findIndex(([k]) => k >= ms);
      if (i <= 0) return LEFT + PLOT;
      const [m0, x0] = knots[i - 1]!;
      const [m1, x1] = knots[i]!;
      return x0 + ((ms - m0) / (m1 - m0)) * (x1 - x0);
    },
    breakAt: main,
    end,
  };
}

interface BudgetLine {
  name: string;
  ms: number;
  colour: string;
  dash: string;
  /** Across every row (the run's), or the first event's row only. */
  wholeRun: boolean;
}

function budgetsOf(t: RunTimeline): BudgetLine[] {
  return [
    { name: 'first event soft', ms: t.budgets.firstEvent.softMs, colour: COLOURS.soft, dash: '2 3', wholeRun: false },
    { name: 'first event hard', ms: t.budgets.firstEvent.hardMs, colour: COLOURS.hard, dash: '2 3', wholeRun: false },
    { name: 'run soft', ms: t.budgets.run.softMs, colour: COLOURS.soft, dash: '7 4', wholeRun: true },
    { name: 'run hard', ms: t.budgets.run.hardMs, colour: COLOURS.hard, dash: '', wholeRun: true },
  ];
}

export function renderTimeline(t: RunTimeline): string {
  const scale = timelineScale(t);
  const run = t.frames.filter((f) => f.ofRun);
  const others = t.frames.filter((f) => !f.ofRun);
  const extra = [...new Set(run.map((f) => f.type).filter((type) => !(CRITICAL_EVENTS as readonly string[]).includes(type)))];
  const rows = [...CRITICAL_EVENTS, ...extra, ...(others.length ? [OTHER_ROW] : [])];
  const rowY = (i: number) => TOP + 18 + i * ROW;
  const bottom = rowY(rows.length - 1) + ROW / 2;
  const body: string[] = [];

  body.push(text(16, 24, t.title, `font-size="15" font-weight="bold" fill="${COLOURS.ink}"`));
  body.push(text(16, 44, subtitle(t), `font-size="12" fill="${t.failure ? COLOURS.late : COLOURS.dim}"`));

  // Rows: a band per event, its name at the left, "never arrived" where a critical one is missing.
  rows.forEach((name, i) => {
    const y = rowY(i);
    const seen = name === OTHER_ROW ? others : run.filter((f) => f.type === name);
    if (i % 2 === 0) body.push(`<rect x="${LEFT}" y="${px(y - ROW / 2)}" width="${PLOT}" height="${ROW}" fill="#f9fafb"/>`);
    const missing = seen.length === 0 && (CRITICAL_EVENTS as readonly string[]).includes(name);
    body.push(text(LEFT - 10, y + 4, `${name}${seen.length > 1 ? ` ×${seen.length}` : ''}`, `text-anchor="end" fill="${missing ? COLOURS.late : COLOURS.ink}"${missing ? ' font-weight="bold"' : ''}`));
    if (missing) body.push(text(LEFT + 8, y + 4, '✗ never arrived', `fill="${COLOURS.late}" font-weight="bold" data-missing="${xml(name)}"`));
  });

  // The axis: ticks over the run's part, the break, the end.
  body.push(...axis(scale, TOP, bottom));

  // Budgets: the run's across every row, the first event's on agent_started's row; named in the legend.
  const firstRow = rowY(0);
  let legendX = LEFT;
  for (const b of budgetsOf(t)) {
    const x = scale.x(b.ms);
    const [y1, y2] = b.wholeRun ? [TOP, bottom] : [firstRow - ROW / 2, firstRow + ROW / 2];
    const dash = b.dash ? ` stroke-dasharray="${b.dash}"` : '';
    body.push(`<line x1="${px(x)}" y1="${px(y1)}" x2="${px(x)}" y2="${px(y2)}" stroke="${b.colour}" stroke-width="1.5"${dash} data-budget="${b.name}" data-at-ms="${b.ms}"><title>${xml(`${b.name} budget ${duration(b.ms)}`)}</title></line>`);
    const label = `${b.name} ${duration(b.ms)}`;
    body.push(`<line x1="${legendX}" y1="58" x2="${legendX + 18}" y2="58" stroke="${b.colour}" stroke-width="2"${dash}/>`);
    body.push(text(legendX + 23, 62, label, `fill="${b.colour}" font-size="11"`));
    legendX += 23 + label.length * 6 + 18;
  }

  // The message, the marks and the failure: vertical lines with their label under the rows.
  const labels: { x: number; label: string; colour: string; attrs: string }[] = [{ x: scale.x(0), label: 'message sent', colour: COLOURS.ink, attrs: 'data-mark="sent" data-at-ms="0"' }];
  for (const m of t.marks) labels.push({ x: scale.x(m.atMs), label: `${MARK_LABEL[m.kind]} ${duration(m.atMs)}`, colour: COLOURS.mark, attrs: `data-mark="${m.kind}" data-at-ms="${Math.round(m.atMs)}"` });
  if (t.failure) {
    labels.push({ x: scale.x(t.failure.atMs), label: `✗ ${t.failure.failureClass ?? 'ended'} ${duration(t.failure.atMs)}`, colour: COLOURS.late, attrs: `data-mark="failure" data-at-ms="${Math.round(t.failure.atMs)}"` });
  }
  labels.sort((a, b) => a.x - b.x);
  let lastEnd = -Infinity;
  let level = 0;
  for (const l of labels) {
    // Labels that would overlap step down a line instead.
    level = l.x < lastEnd + 6 ? level + 1 : 0;
    const y = bottom + 18 + level * 15;
    body.push(`<line x1="${px(l.x)}" y1="${TOP}" x2="${px(l.x)}" y2="${px(y - 11)}" stroke="${l.colour}" stroke-width="${l.colour === COLOURS.ink ? 1 : 2}" ${l.attrs}/>`);
    const anchor = l.x > LEFT + PLOT - 140 ? 'end' : 'start';
    body.push(text(anchor === 'end' ? l.x - 3 : l.x + 3, y, l.label, `fill="${l.colour}" text-anchor="${anchor}"`));
    lastEnd = anchor === 'end' ? l.x : l.x + l.label.length * 6.5;
  }

  // The frames: one dot each, amber past the run's soft budget, red past its hard one.
  rows.forEach((name, i) => {
    const y = rowY(i);
    const seen = name === OTHER_ROW ? others : run.filter((f) => f.type === name);
    for (const f of seen) {
      const colour = !f.ofRun ? COLOURS.other : f.atMs > t.budgets.run.hardMs ? COLOURS.late : f.atMs > t.budgets.run.softMs ? COLOURS.slow : COLOURS.event;
      body.push(
        `<circle cx="${px(scale.x(f.atMs))}" cy="${y}" r="${f.ofRun ? 5 : 4}" fill="${f.culprit ? COLOURS.late : colour}" data-type="${xml(f.type)}" data-at-ms="${Math.round(f.atMs)}"${f.culprit ? ' data-culprit="true"' : ''}><title>${xml(`${f.type} at ${duration(f.atMs)}`)}</title></circle>`,
      );
      // The frame the failure names: ringed, so the broken rule has a place on the picture.
      if (f.culprit) body.push(`<circle cx="${px(scale.x(f.atMs))}" cy="${y}" r="9" fill="none" stroke="${COLOURS.late}" stroke-width="2"/>`);
    }
    if (seen.length > 0) {
      const first = seen[0]!.atMs;
      const last = seen.at(-1)!.atMs;
      const label = seen.length > 1 ? `${duration(first)} – ${duration(last)}` : duration(first);
      const xLast = scale.x(last);
      const right = xLast < LEFT + PLOT - 110;
      body.push(text(right ? xLast + 9 : scale.x(first) - 9, y + 4, label, `fill="${COLOURS.dim}" font-size="11" text-anchor="${right ? 'start' : 'end'}"`));
    }
  });

  const height = bottom + 18 + (level + 1) * 15 + 10;
  return svgDocument(WIDTH, height, t.title, body);
}

function subtitle(t: RunTimeline): string {
  if (t.failure) return excerpt(`✗ ${t.failure.failureClass ? `[${t.failure.failureClass}] ` : ''}${t.failure.detail}`, 150);
  const run = t.frames.filter((f) => f.ofRun);
  const completed = run.filter((f) => f.type === 'agent_completed').at(-1);
  const parts = [
    completed ? `agent_completed ${duration(completed.atMs)} after the message` : undefined,
    run[0] ? `first event after ${duration(run[0].atMs)}` : undefined,
    `${t.frames.length} frames received`,
  ];
  return parts.filter(Boolean).join(' · ');
}

function axis(scale: TimeScale, top: number, bottom: number): string[] {
  const out = [`<line x1="${LEFT}" y1="${top}" x2="${LEFT + PLOT}" y2="${top}" stroke="${COLOURS.dim}"/>`];
  const main = scale.breakAt ?? scale.end;
  const step = niceStep(main / 6);
  for (let ms = 0; ms <= main + 1e-6; ms += step) {
    const x = scale.x(ms);
    out.push(`<line x1="${px(x)}" y1="${top}" x2="${px(x)}" y2="${px(bottom)}" stroke="${COLOURS.grid}"/>`);
    out.push(text(x, top - 6, duration(ms), `text-anchor="middle" fill="${COLOURS.dim}" font-size="11"`));
  }
  if (scale.breakAt !== undefined) {
    const x = (scale.x(scale.breakAt) + scale.x(scale.breakAt + 1e-9)) / 2;
    out.push(`<rect x="${px(x - 7)}" y="${top - 4}" width="14" height="${px(bottom - top + 8)}" fill="#ffffff" data-axis-break="${Math.round(scale.breakAt)}"/>`);
    out.push(text(x, top + 4, '≈', `text-anchor="middle" fill="${COLOURS.dim}" font-size="14"`));
  }
  return out;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `n`. */
function niceStep(n: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(n, 1e-9)));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= n) ?? 10 * power;
}

function niceCeil(n: number): number {
  const step = niceStep(n / 5);
  return Math.ceil(n / step) * step;
}
