import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AgentRun } from './agent-run';
import { normaliseFrame, type NormalisedFrame } from './events';
import { followRun, type FrameSource } from '../clients/follow-run';

/**
 * Healthy platforms that conform differently (contract 4.1): every tolerated envelope in one
 * run, a sub-agent's own agent_completed mid-run, unknown wrappers, keepalive and noise after
 * the close; and the ownership of threads whose events arrive on the user's socket.
 */
const envelopes = JSON.parse(readFileSync(path.join(__dirname, 'recorded', 'envelopes-run.json'), 'utf8')) as Record<string, unknown>[];
const THREAD = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const USER = 'e2e-envelopes';
const frames = (list: unknown[]) => list.map((f, i) => normaliseFrame(JSON.stringify(f), 100 + i * 10));

test('every tolerated envelope in one run: complete, in order, with the lead agent\'s answer', () => {
  const run = new AgentRun({ userId: USER, threadId: THREAD });
  run.markSent(99);
  const roles = frames(envelopes).map((f) => run.accept(f));
  expect(run.finding).toBeUndefined();
  expect(run.leadAgent).toBe('supervisor');
  expect(run.answer).toBe('The three biggest cost drivers are model tokens, retrieval and hosting.');
  expect(run.sequence).toEqual([
    'agent_started',
    'agent_thinking',
    'agent_started',
    'tool_executing(web_lookup)',
    'tool_completed(web_lookup)',
    'agent_completed',
    'agent_thinking',
    'tool_executing(knowledge_search)',
    'tool_completed(knowledge_search)',
    'agent_completed',
    'agent_completed', // the bare closing one, without ids
  ]);
  expect([...run.unknownTypes]).toEqual(['agent_status_update']);
  expect(roles.filter((r) => r === 'keepalive')).toHaveLength(2);
  expect(roles[1]).toBe('ack');
});

test("a sub-agent's agent_completed mid-run is not the end of the run", () => {
  const run = new AgentRun({ userId: USER, threadId: THREAD });
  run.markSent(99);
  const upToSubCompletion = frames(envelopes).slice(0, 10);
  for (const f of upToSubCompletion) run.accept(f);
  expect(run.completedAt).toBeUndefined();
  expect(run.completionSeenAt).toBeUndefined();
  expect(run.answer).toBeUndefined();
  expect(run.finding).toBeUndefined();
});

test('the answer in each of the six fields of contract 4.1', () => {
  const fields: Record<string, unknown>[] = [
    { result: { response: 'A' } },
    { result: { final_response: 'A' } },
    { result: { content: 'A' } },
    { final_response: 'A' },
    { content: 'A' },
    { message: 'A' },
  ];
  for (const payload of fields) {
    const run = new AgentRun({ userId: USER, threadId: THREAD });
    run.markSent(0);
    const list = envelopes.slice(0, 13).concat([{ type: 'agent_completed', run_id: 'run_7c1d2e3f-0000-4000-8000-00000000abcd', thread_id: THREAD, agent_name: 'supervisor', payload }]);
    for (const f of frames(list)) run.accept(f);
    expect(run.answer, JSON.stringify(payload)).toBe('A');
  }
});

test.describe('threads on the user\'s socket (contract 4.1): ours, the user\'s own, or a breach', () => {
  const ev = (type: string, threadId: string, runId = 'run_a') => ({ type, run_id: runId, thread_id: threadId, user_id: USER, payload: type.startsWith('tool_') ? { tool_name: 't' } : type === 'agent_completed' ? { result: { response: 'ok' } } : {} });

  test('a known own thread is a sibling; an unknown one waits for its owner, then is a breach or a sibling', () => {
    const run = new AgentRun({ userId: USER, threadId: THREAD, ownThreadIds: new Set(['thread-own-000000000001']) });
    run.markSent(0);
    expect(run.accept(normaliseFrame(ev('agent_started', 'thread-own-000000000001', 'run_s'), 1))).toBe('sibling');
    expect(run.accept(normaliseFrame(ev('agent_started', 'thread-odd-000000000002', 'run_x'), 2))).toBe('unverified');
    run.resolveThread('thread-odd-000000000002', true);
    expect(run.finding).toBeUndefined();
    expect(run.accept(normaliseFrame(ev('agent_thinking', 'thread-odd-000000000002', 'run_x'), 3))).toBe('sibling');
    expect(run.accept(normaliseFrame(ev('agent_started', 'thread-else-00000000003', 'run_y'), 4))).toBe('unverified');
    run.resolveThread('thread-else-00000000003', false);
    expect(run.finding).toMatchObject({ failureClass: 'ISOLATION_BREACH', detail: expect.stringContaining('thread-else-00000000003'), frame: expect.objectContaining({ run_id: 'run_y' }) });
  });

  class Replay implements FrameSource {
    url = 'ws://localhost/ws';
    normalised: NormalisedFrame[] = [];
    closed = undefined;
    private listeners = new Set<(f: NormalisedFrame) => void>();
    onFrame(l: (f: NormalisedFrame) => void) {
      this.listeners.add(l);
      return () => this.listeners.delete(l);
    }
    onClose() {
      return () => undefined;
    }
    push(raw: unknown) {
      const f = normaliseFrame(JSON.stringify(raw), performance.now());
      this.normalised.push(f);
      for (const l of this.listeners) l(f);
    }
  }
  const budgets = { firstEvent: { softMs: 1, hardMs: 20_000 }, agentRun: { softMs: 1, hardMs: 60_000 }, eventGap: { softMs: 1, hardMs: 30_000 } };

  test('events for a thread that is not the user\'s are ISOLATION_BREACH at once, not AGENT_NO_EVENTS after the budget', async () => {
    const source = new Replay();
    const run = new AgentRun({ userId: USER, threadId: THREAD });
    const started = performance.now();
    const following = followRun(source, run, budgets, { send: () => undefined, ownsThread: async () => false });
    source.push(ev('agent_started', '0b7e4c1a-9d2f-4e3b-8a6c-5f4d3e2c1b0a'));
    await expect(following).rejects.toThrow(/^\[ISOLATION_BREACH\] an event for thread 0b7e4c1a-9d2f-4e3b-8a6c-5f4d3e2c1b0a, which is not the user's/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  test('without a way to ask (fresh users), an unknown thread is a breach at once', async () => {
    const source = new Replay();
    const run = new AgentRun({ userId: USER, threadId: THREAD });
    const following = followRun(source, run, budgets, { send: () => undefined });
    source.push(ev('agent_started', 'thread_123_abcdef'));
    await expect(following).rejects.toThrow(/^\[ISOLATION_BREACH\] .*thread_123_abcdef/);
  });

  test("a sibling run on the user's own other thread is tolerated; the run completes only once its owner is known", async () => {
    const source = new Replay();
    const run = new AgentRun({ userId: USER, threadId: THREAD });
    let answer: (owned: boolean) => void = () => undefined;
    const asked = new Promise<boolean>((resolve) => (answer = resolve));
    const following = followRun(source, run, budgets, { send: () => undefined, ownsThread: () => asked });
    source.push(ev('agent_started', 'thread_555_aa', 'run_sib'));
    for (const t of ['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed']) source.push(ev(t, THREAD));
    let settled = false;
    void following.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    answer(true);
    await expect(following).resolves.toBe(run);
    expect(run.answer).toBe('ok');
  });

  test("a sibling's bare closing agent_completed while ours is in flight is the sibling's (every run on every socket of the user)", () => {
    const run = new AgentRun({ userId: USER, threadId: THREAD, ownThreadIds: new Set(['thread_555_aa']) });
    run.markSent(0);
    const sib = (t: string) => ev(t, 'thread_555_aa', 'run_sib');
    const ours = (t: string) => ev(t, THREAD);
    const bare = { type: 'agent_completed', payload: { result: { response: 'theirs' } } };
    const list = [ours('agent_started'), sib('agent_completed'), ours('agent_thinking'), bare, ours('tool_executing'), ours('tool_completed'), ours('agent_completed'), { type: 'agent_completed', payload: { result: { response: 'ok' } } }];
    const roles = list.map((f, i) => run.accept(normaliseFrame(f, i)));
    expect(roles).toEqual(['run', 'sibling', 'run', 'sibling', 'run', 'run', 'run', 'run']);
    expect(run.finding).toBeUndefined();
    expect(run.answer).toBe('ok');
  });

  test('an AUTH_FAILED frame in any error shape answering the message is WS_AUTH_REJECTED at once', async () => {
    for (const frame of [
      { type: 'error_message', error_code: 'AUTH_FAILED', error_message: 'Authentication failed' },
      { type: 'error', payload: { error_message: 'Authentication failed', error_code: 'AUTH_FAILED' } },
      { type: 'error', message: 'Authentication failed', error_code: 'AUTH_FAILED' },
    ]) {
      const source = new Replay();
      const following = followRun(source, new AgentRun({ userId: USER, threadId: THREAD }), budgets, { send: () => undefined });
      source.push(frame);
      await expect(following).rejects.toThrow(/^\[WS_AUTH_REJECTED\] .*Authentication failed/);
    }
  });

  test('another error frame before the first event is recorded, and the run still counts', async () => {
    const source = new Replay();
    const run = new AgentRun({ userId: USER, threadId: THREAD });
    const following = followRun(source, run, budgets, { send: () => undefined });
    source.push({ type: 'error', message: 'Invalid JSON message', error_code: 'INVALID_JSON' });
    for (const t of ['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed']) source.push(ev(t, THREAD));
    await expect(following).resolves.toBe(run);
    expect(run.errorTexts).toEqual(['Invalid JSON message']);
  });
});
