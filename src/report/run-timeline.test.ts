import { expect, test } from '@playwright/test';
import { AgentRun } from '../contract/agent-run';
import { normaliseFrame } from '../contract/events';
import { renderTimeline, timelineOf, timelineScale, type RunTimeline } from './run-timeline';

const budgets = { firstEvent: { softMs: 2000, hardMs: 5000 }, run: { softMs: 5000, hardMs: 15000 } };
const ev = (atMs: number, type: string, ofRun = true) => ({ atMs, type, ofRun });
const green: RunTimeline = {
  title: 'socket · a chat message over the socket makes the agent run',
  frames: [ev(200, 'agent_started'), ev(400, 'agent_thinking'), ev(600, 'agent_thinking'), ev(800, 'tool_executing'), ev(1000, 'tool_completed'), ev(1400, 'agent_completed'), ev(700, 'heartbeat', false)],
  budgets,
  marks: [{ kind: 'answer', atMs: 1400 }, { kind: 'saved', atMs: 1450 }],
};

/** Every element that carries a time, with its x. */
function drawn(svg: string): { what: string; atMs: number; x: number }[] {
  return [...svg.matchAll(/<(circle|line)\b[^>]*?(?:cx|x1)="([\d.]+)"[^>]*?data-(type|mark|budget)="([^"]+)"[^>]*?data-at-ms="(\d+)"/g)].map((m) => ({ what: `${m[3]}:${m[4]}`, atMs: Number(m[5]), x: Number(m[2]) }));
}

test.describe('the run timeline (an SVG per agent run)', () => {
  test('every frame, mark and budget sits where its time says, on one axis', () => {
    const svg = renderTimeline(green);
    const scale = timelineScale(green);
    const items = drawn(svg);
    expect(items.filter((i) => i.what.startsWith('type:')).map((i) => i.what)).toEqual([
      'type:agent_started', 'type:agent_thinking', 'type:agent_thinking', 'type:tool_executing', 'type:tool_completed', 'type:agent_completed', 'type:heartbeat',
    ]);
    for (const i of items) expect(i.x, i.what).toBeCloseTo(scale.x(i.atMs), 0);
    // Later is further right, across the break too: frames, then the soft budgets, then the hard one.
    const x = (what: string) => items.find((i) => i.what === what)!.x;
    expect(x('mark:sent')).toBeLessThan(x('type:agent_started'));
    expect(x('type:agent_completed')).toBeLessThan(x('mark:saved'));
    expect(x('mark:saved')).toBeLessThan(x('budget:first event soft'));
    expect(x('budget:run soft')).toBeLessThan(x('budget:run hard'));
    // The 15 s budget lies far past a 1.4 s run: the axis is broken, and the run keeps most of the width.
    expect(scale.breakAt).toBeDefined();
    expect(x('type:agent_completed') - x('mark:sent')).toBeGreaterThan(0.5 * (x('budget:run hard') - x('mark:sent')));
    expect(svg).toMatch(/answer received 1\.4 s/);
    expect(svg).toMatch(/conversation saved 1\.4 s|conversation saved 1\.5 s/);
    expect(svg).not.toMatch(/never arrived/);
  });

  test('on a red run the missing events and the failure are plain to see', () => {
    const red: RunTimeline = { ...green, frames: [ev(200, 'agent_started'), ev(400, 'agent_thinking')], marks: [], failure: { failureClass: 'AGENT_STALLED', atMs: 5400, detail: 'no agent event for 5000 ms after agent_thinking' } };
    const svg = renderTimeline(red);
    expect([...svg.matchAll(/data-missing="([^"]+)"/g)].map((m) => m[1])).toEqual(['tool_executing', 'tool_completed', 'agent_completed']);
    const failure = drawn(svg).find((i) => i.what === 'mark:failure')!;
    expect(failure.atMs).toBe(5400);
    expect(failure.x).toBeCloseTo(timelineScale(red).x(5400), 0);
    expect(svg).toContain('✗ [AGENT_STALLED] no agent event for 5000 ms after agent_thinking');
  });

  test('a dot past the run\'s soft budget is amber, past its hard one red', () => {
    const late = renderTimeline({ ...green, frames: [ev(200, 'agent_started'), ev(6000, 'agent_thinking'), ev(16_000, 'agent_completed')] });
    expect(late).toMatch(/fill="#d97706" data-type="agent_thinking"/);
    expect(late).toMatch(/fill="#dc2626" data-type="agent_completed"/);
  });

  test('built from a followed run: times count from the message, the run\'s own events apart from other frames', () => {
    const run = new AgentRun({ userId: 'u', threadId: 't1' });
    run.markSent(1000);
    const frame = (at: number, f: Record<string, unknown>) => normaliseFrame(JSON.stringify(f), at);
    const received = [
      frame(900, { type: 'connection_established', data: {} }),
      frame(1200, { type: 'agent_started', run_id: 'r1', thread_id: 't1', payload: {} }),
      frame(1300, { type: 'heartbeat' }),
      frame(2400, { type: 'agent_completed', run_id: 'r1', thread_id: 't1', payload: { result: { response: 'the answer' } } }),
    ];
    for (const f of received) run.accept(f);
    const t = timelineOf({ title: 'x', run, received, budgets, settledAt: 2400, marks: [{ kind: 'saved', at: 2500 }, { kind: 'saved', at: 500 }], drawnAt: 3000 })!;
    expect(t.frames).toEqual([ev(200, 'agent_started'), ev(300, 'heartbeat', false), ev(1400, 'agent_completed')]);
    expect(t.marks).toEqual([{ kind: 'answer', atMs: 1400 }, { kind: 'saved', atMs: 1500 }]);
    expect(t.failure).toBeUndefined();
    // A run the test left before it settled says so.
    expect(timelineOf({ title: 'x', run, received, budgets, marks: [], drawnAt: 3000 })!.failure).toEqual({ atMs: 2000, detail: 'the test ended before the run did' });
  });

  test('the event a sequence rule names is ringed in red: the broken rule has a place on the picture', () => {
    const run = new AgentRun({ userId: 'u', threadId: 't1' });
    run.markSent(0);
    const ids = { run_id: 'r1', thread_id: 't1' };
    const received = [
      normaliseFrame(JSON.stringify({ type: 'agent_started', ...ids, payload: {} }), 200),
      normaliseFrame(JSON.stringify({ type: 'agent_thinking', ...ids, payload: {} }), 400),
      normaliseFrame(JSON.stringify({ type: 'tool_completed', ...ids, payload: { tool_name: 'search' } }), 600),
      normaliseFrame(JSON.stringify({ type: 'tool_executing', ...ids, payload: { tool_name: 'search' } }), 800),
      normaliseFrame(JSON.stringify({ type: 'agent_completed', ...ids, payload: { result: { response: 'a' } } }), 1000),
    ];
    for (const f of received) run.accept(f);
    expect(run.finding?.failureClass).toBe('AGENT_EVENT_ORDER');
    const t = timelineOf({ title: 'x', run, received, budgets, settledAt: 1000, failure: { failureClass: 'AGENT_EVENT_ORDER', detail: run.finding!.detail }, marks: [], drawnAt: 1000 })!;
    expect(t.frames.filter((f) => f.culprit).map((f) => [f.type, f.atMs])).toEqual([['tool_completed', 600]]);
    expect(renderTimeline(t)).toMatch(/data-type="tool_completed" data-at-ms="600" data-culprit="true"/);
  });
});
