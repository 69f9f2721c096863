import { expect, test } from '@playwright/test';
import { driftHeadline, DriftLog, mergeDrift } from './contract-drift';

const sighting = (name: string, example = `{"type":"${name}"}`) => ({ kind: 'event_type' as const, name, example });

test('a test counts each shape once with its first example, masked before it is cut', () => {
  const log = new DriftLog((t) => t.replaceAll('s3cret-token', '***'));
  log.add([sighting('agent_response_chunk', `{"token":"s3cret-token","chunk":"${'x'.repeat(400)}"}`), sighting('agent_response_chunk', 'second')]);
  log.add([{ kind: 'field', name: 'agent_thinking.payload.confidence', example: 'payload.confidence: 0.8' }]);
  const entries = log.entries();
  expect(entries.map((e) => [e.kind, e.name, e.count])).toEqual([
    ['event_type', 'agent_response_chunk', 2],
    ['field', 'agent_thinking.payload.confidence', 1],
  ]);
  expect(entries[0]!.example).toContain('"token":"***"');
  expect(entries[0]!.example).not.toContain('s3cret');
  expect(entries[0]!.example.length).toBeLessThanOrEqual(301);
});

test('the run joins its tests: where, how many times, and new only when no earlier run saw it', () => {
  const chunk = { kind: 'event_type' as const, name: 'agent_response_chunk', count: 3, example: 'e' };
  const field = { kind: 'field' as const, name: 'agent_thinking.payload.confidence', count: 2, example: 'f' };
  const merged = mergeDrift(
    [
      { where: 'socket › a chat message', entries: [chunk, field] },
      { where: 'browser › a user chats', entries: [chunk] },
    ],
    new Set(['field agent_thinking.payload.confidence']),
  );
  expect(merged).toEqual([
    { ...chunk, count: 6, where: ['socket › a chat message', 'browser › a user chats'], new: true },
    { ...field, where: ['socket › a chat message'], new: false },
  ]);
  expect(driftHeadline(merged)).toBe('drift: 2 shapes the contract does not list (1 new)');
  expect(driftHeadline([{ ...field, where: [], new: false }])).toBe('drift: 1 shape the contract does not list');
  expect(driftHeadline([])).toBeUndefined();
});
