import { expect, test } from '@playwright/test';
import { crowdFailure } from './crowd-failures';

test('one class: the message starts with it and counts the users', () => {
  const e = crowdFailure('agent run', 10, [{ user: 'user 3', message: '[AGENT_STALLED] events stopped' }]);
  expect(e.message).toBe('[AGENT_STALLED] 1 of 10 users failed at "agent run" (1× AGENT_STALLED): user 3: [AGENT_STALLED] events stopped');
});

test('an isolation breach outranks a more common class and is shown first', () => {
  const e = crowdFailure('agent run', 10, [
    { user: 'user 1', message: '[AGENT_STALLED] a' },
    { user: 'user 2', message: '[AGENT_STALLED] b' },
    { user: 'user 7', message: '[ISOLATION_BREACH] an event for user e2e-x arrived; frame: {"type":"agent_started"}' },
  ]);
  expect(e.message).toMatch(/^\[ISOLATION_BREACH\] 3 of 10 users failed at "agent run" \(2× AGENT_STALLED, 1× ISOLATION_BREACH\): user 7: \[ISOLATION_BREACH\] an event/);
  expect(e.message).toContain('frame: {"type":"agent_started"}');
});

test('without any class the error stays unclassified for the step to name, and long lists are cut', () => {
  const many = Array.from({ length: 5 }, (_, i) => ({ user: `user ${i + 1}`, message: 'TypeError: x is undefined' }));
  const e = crowdFailure('connect', 5, many);
  expect(e.message).toMatch(/^5 of 5 users failed at "connect": user 1: TypeError/);
  expect(e.message).toMatch(/… and 2 more$/);
});
