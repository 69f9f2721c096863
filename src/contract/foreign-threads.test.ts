import { expect, test } from '@playwright/test';
import { AgentRun } from './agent-run';
import { normaliseFrame } from './events';
import { ForeignThreads } from './foreign-threads';

test("a user's view holds every thread but the user's own, including threads created later", () => {
  const all = new Set(['t-a', 't-b']);
  const mine = new ForeignThreads(all, new Set(['t-a']));
  expect(mine.has('t-a')).toBe(false);
  expect(mine.has('t-b')).toBe(true);
  all.add('t-c');
  expect(mine.has('t-c')).toBe(true);
  expect([...mine]).toEqual(['t-b', 't-c']);
  expect(mine.size).toBe(2);
  expect([...mine.entries()]).toEqual([
    ['t-b', 't-b'],
    ['t-c', 't-c'],
  ]);
});

test("as a run's context, a frame of another user's thread is ISOLATION_BREACH", () => {
  const all = new Set(['thread-mine-0001', 'thread-theirs-0002']);
  const run = new AgentRun({ userId: 'e2e-a', threadId: 'thread-mine-0001', foreignThreadIds: new ForeignThreads(all, new Set(['thread-mine-0001'])) });
  run.markSent(0);
  expect(run.accept(normaliseFrame({ type: 'agent_started', run_id: 'r1', thread_id: 'thread-mine-0001', payload: {} }, 1))).toBe('run');
  expect(run.accept(normaliseFrame({ type: 'agent_thinking', run_id: 'r2', thread_id: 'thread-theirs-0002', payload: {} }, 2))).toBe('breach');
  expect(run.finding?.failureClass).toBe('ISOLATION_BREACH');
});
