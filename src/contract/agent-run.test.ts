import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AgentRun } from './agent-run';
import { checkSequence } from './run-sequence';
import { normaliseFrame, type NormalisedFrame } from './events';
import { nextRunDeadline } from './run-deadlines';

// A run recorded from the reference platform: welcome, the five events, and the bare trailer.
const recorded = JSON.parse(readFileSync(path.join(__dirname, 'recorded', 'reference-run.json'), 'utf8')) as Record<string, unknown>[];

const THREAD = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const USER = 'dev-user-001';
const frames = (list: unknown[]) => list.map((f, i) => normaliseFrame(JSON.stringify(f), 100 + i * 10));
const recordedRun = frames(recorded);

function feed(run: AgentRun, list: NormalisedFrame[]) {
  return list.map((f) => run.accept(f));
}

const event = (type: string, extra: Record<string, unknown> = {}) => ({
  type,
  run_id: 'run_1',
  user_id: USER,
  thread_id: THREAD,
  payload: { ...(type.startsWith('tool_') ? { tool_name: 'search' } : {}), ...(type === 'agent_completed' ? { result: { response: 'answer' } } : {}), ...extra },
});
const happy = ['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'];

test('the recorded reference run completes with its answer and no finding', () => {
  const run = new AgentRun({ userId: USER, threadId: THREAD });
  run.markSent(99);
  const roles = feed(run, recordedRun);
  expect(roles[0]).toBe('welcome');
  expect(run.finding).toBeUndefined();
  expect(run.completedAt).toBeDefined();
  expect(run.answer).toContain('Here is the answer');
  expect(run.sequence[0]).toBe('agent_started');
  expect(run.runId).toMatch(/^run_/);
  // The run's span, first agent event → agent_completed: as received, and by the platform's stamps.
  const first = (type: string) => recordedRun.find((f) => f.type === type)!;
  expect(run.receivedSpanMs).toBe(first('agent_completed').receivedAt - first('agent_started').receivedAt);
  expect(run.stampedSpanMs).toBe(first('agent_completed').stampedAt! - first('agent_started').stampedAt!);
});

test('a run has no span until it completed', () => {
  const run = new AgentRun({ userId: USER, threadId: THREAD });
  expect(run.receivedSpanMs).toBeUndefined();
  run.markSent(99);
  feed(run, recordedRun.slice(0, 3));
  expect(run.receivedSpanMs).toBeUndefined();
  expect(run.stampedSpanMs).toBeUndefined();
});

test.describe('sequence rules (contract 4.1)', () => {
  const check = (types: string[]) => checkSequence(frames(types.map((t) => event(t))));

  test('the five in order pass; thinking and tool pairs may repeat', () => {
    expect(check(happy)).toBeUndefined();
    expect(check(['agent_started', 'agent_thinking', 'agent_thinking', 'tool_executing', 'tool_completed', 'tool_executing', 'tool_completed', 'agent_completed', 'agent_completed'])).toBeUndefined();
  });

  test('a missing event is named, before any order rule', () => {
    expect(check(['agent_started', 'agent_thinking', 'tool_executing', 'agent_completed'])).toMatchObject({ failureClass: 'AGENT_EVENT_MISSING', detail: expect.stringContaining('tool_completed') });
    expect(check(['agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'])?.failureClass).toBe('AGENT_EVENT_MISSING');
  });

  test('tool_completed before its tool_executing is an order violation with the sequence', () => {
    const v = check(['agent_started', 'agent_thinking', 'tool_completed', 'tool_executing', 'agent_completed']);
    expect(v?.failureClass).toBe('AGENT_EVENT_ORDER');
    expect(v?.detail).toContain('tool_completed(search) arrived without a tool_executing(search)');
    expect(v?.detail).toContain('received: agent_started → agent_thinking');
  });

  test('the first event must be agent_started', () => {
    expect(check(['agent_thinking', 'agent_started', 'tool_executing', 'tool_completed', 'agent_completed'])?.failureClass).toBe('AGENT_EVENT_ORDER');
  });

  test('tool pairs must match by name and count', () => {
    const list = frames([event('agent_started'), event('agent_thinking'), event('tool_executing'), { ...event('tool_completed'), payload: { tool_name: 'other' } }, event('agent_completed')]);
    expect(checkSequence(list)?.failureClass).toBe('AGENT_EVENT_ORDER');
    expect(check(['agent_started', 'agent_thinking', 'tool_executing', 'tool_executing', 'tool_completed', 'agent_completed'])?.detail).toContain('without a matching tool_completed');
  });

  test('nothing but agent_completed may follow agent_completed', () => {
    expect(check(['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed', 'agent_thinking'])?.failureClass).toBe('AGENT_EVENT_ORDER');
  });
});

test.describe('isolation (contract 4.2)', () => {
  test("another user's event is a breach, with the frame", () => {
    const run = new AgentRun({ userId: USER, threadId: THREAD });
    run.markSent(0);
    feed(run, frames([event('agent_started'), { ...event('agent_thinking'), user_id: 'e2e-mallory', thread_id: 'thread_1_ab' }]));
    expect(run.finding).toMatchObject({ failureClass: 'ISOLATION_BREACH', detail: expect.stringContaining('e2e-mallory') });
    expect(run.finding?.frame).toMatchObject({ user_id: 'e2e-mallory' });
  });

  test("another test user's thread is a breach even without a user id", () => {
    const run = new AgentRun({ userId: USER, threadId: THREAD, foreignThreadIds: new Set(['thread_9_ff']) });
    run.markSent(0);
    feed(run, frames([{ type: 'agent_started', thread_id: 'thread_9_ff', payload: {} }]));
    expect(run.finding?.failureClass).toBe('ISOLATION_BREACH');
  });

  test("another run's id on our thread is a breach", () => {
    const run = new AgentRun({ userId: USER, threadId: THREAD });
    run.markSent(0);
    feed(run, frames([event('agent_started'), { ...event('agent_thinking'), run_id: 'run_2' }]));
    expect(run.finding?.failureClass).toBe('ISOLATION_BREACH');
  });

  test("the same user's run on another of their threads (another tab) is tolerated, and its bare trailer too", () => {
    const run = new AgentRun({ userId: USER, threadId: THREAD, ownThreadIds: new Set(['thread_5_aa']) });
    run.markSent(0);
    const other = (t: string) => ({ ...event(t), run_id: 'run_x', thread_id: 'thread_5_aa' });
    const roles = feed(run, frames([event('agent_started'), other('agent_completed'), { type: 'agent_completed', payload: { result: { response: 'theirs' } } }, event('agent_thinking')]));
    expect(roles).toEqual(['run', 'sibling', 'sibling', 'run']);
    expect(run.finding).toBeUndefined();
    expect(run.answer).toBeUndefined();
  });

  test('the welcome frame shortens user ids; a shortened id of ours is not a breach', () => {
    const run = new AgentRun({ userId: 'e2e-someone-long', threadId: THREAD });
    run.markSent(0);
    feed(run, frames([{ ...event('agent_started'), user_id: 'e2e-some…' }]));
    expect(run.finding).toBeUndefined();
  });
});

test('an agent_error event is AGENT_ERROR with its message', () => {
  const run = new AgentRun({ userId: USER, threadId: THREAD });
  run.markSent(0);
  feed(run, frames([event('agent_started'), { ...event('agent_error'), payload: { error: 'LLM quota exceeded' } }]));
  expect(run.finding).toMatchObject({ failureClass: 'AGENT_ERROR', detail: expect.stringContaining('LLM quota exceeded') });
});

test('keepalive and acks are never evidence of a run', () => {
  const run = new AgentRun({ userId: USER, threadId: THREAD });
  run.markSent(0);
  feed(run, frames([{ type: 'heartbeat' }, { type: 'pong' }, { type: 'ack', received_type: 'x' }]));
  expect(run.events).toHaveLength(0);
  expect(run.firstEventAt).toBeUndefined();
});

test('an agent_completed without the answer waits for the trailer that carries it', () => {
  const run = new AgentRun({ userId: USER, threadId: THREAD });
  run.markSent(0);
  const bare = happy.map((t) => (t === 'agent_completed' ? { ...event(t), payload: { status: 'completed' } } : event(t)));
  feed(run, frames(bare));
  expect(run.completedAt).toBeUndefined();
  const budgets = { firstEvent: { softMs: 1, hardMs: 50 }, agentRun: { softMs: 1, hardMs: 500 }, eventGap: { softMs: 1, hardMs: 30 } };
  expect(nextRunDeadline(run, budgets)?.finding.failureClass).toBe('AGENT_EVENT_MISSING');
  feed(run, frames([{ type: 'agent_completed', payload: { result: { response: 'late answer' } } }]));
  expect(run.answer).toBe('late answer');
  expect(run.completedAt).toBeDefined();
});

test.describe('run deadlines (contract 6)', () => {
  const budgets = { firstEvent: { softMs: 1, hardMs: 50 }, agentRun: { softMs: 1, hardMs: 500 }, eventGap: { softMs: 1, hardMs: 30 } };

  test('before any event: AGENT_NO_EVENTS at the first-event budget', () => {
    const run = new AgentRun({ threadId: THREAD });
    run.markSent(1000);
    expect(nextRunDeadline(run, budgets)).toMatchObject({ at: 1050, finding: { failureClass: 'AGENT_NO_EVENTS' } });
  });

  test('after events: the gap (AGENT_STALLED) or the whole run (SLA_EXCEEDED), whichever falls first', () => {
    const run = new AgentRun({ userId: USER, threadId: THREAD });
    run.markSent(0);
    run.accept(normaliseFrame(JSON.stringify(event('agent_started')), 100));
    expect(nextRunDeadline(run, budgets)).toMatchObject({ at: 130, finding: { failureClass: 'AGENT_STALLED' } });
    run.accept(normaliseFrame(JSON.stringify(event('agent_thinking')), 490));
    expect(nextRunDeadline(run, budgets)).toMatchObject({ at: 500, finding: { failureClass: 'SLA_EXCEEDED' } });
  });

  test('a finished run has no deadline', () => {
    const run = new AgentRun({ userId: USER, threadId: THREAD });
    run.markSent(0);
    feed(run, frames(happy.map((t) => event(t))));
    expect(nextRunDeadline(run, budgets)).toBeUndefined();
  });
});
