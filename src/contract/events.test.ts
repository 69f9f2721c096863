import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { answerOf, errorCodeOf, errorTextOf, normaliseFrame } from './events';

// A run recorded from the reference platform: welcome, the five events, and the bare trailer.
const recorded = JSON.parse(readFileSync(path.join(__dirname, 'recorded', 'reference-run.json'), 'utf8')) as Record<string, unknown>[];

test.describe('normaliseFrame reads every tolerated envelope (contract 4.1)', () => {
  test('canonical E3: type, ids and payload', () => {
    const f = normaliseFrame(JSON.stringify(recorded[4]), 1);
    expect(f).toMatchObject({ kind: 'critical', type: 'tool_executing', toolName: 'knowledge_search', threadId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' });
    expect(f.runId).toMatch(/^run_/);
  });

  test('E4: fields under data, ids inside data', () => {
    const f = normaliseFrame({ type: 'tool_completed', data: { tool_name: 'search', run_id: 'r1', thread_id: 't1', result: {} }, timestamp: 1.5, critical: true }, 1);
    expect(f).toMatchObject({ kind: 'critical', type: 'tool_completed', toolName: 'search', runId: 'r1', threadId: 't1' });
  });

  test('outer system_message / agent_progress frames name the event in data.type or data.event', () => {
    expect(normaliseFrame({ type: 'system_message', data: { type: 'agent_thinking', run_id: 'r' } }, 0).type).toBe('agent_thinking');
    expect(normaliseFrame({ type: 'agent_progress', data: { event: 'agent_started' } }, 0)).toMatchObject({ type: 'agent_started', kind: 'critical' });
    expect(normaliseFrame({ type: 'system_message', payload: { type: 'agent_completed' } }, 0).type).toBe('agent_completed');
  });

  test('an outer frame naming no known event stays unknown', () => {
    expect(normaliseFrame({ type: 'system_message', data: { note: 'maintenance' } }, 0)).toMatchObject({ kind: 'unknown', type: 'system_message' });
  });

  test('welcome, legacy welcome, keepalive, ack and errors are never agent events', () => {
    expect(normaliseFrame(JSON.stringify(recorded[0]), 0).kind).toBe('welcome');
    expect(normaliseFrame({ type: 'connection_ready' }, 0).kind).toBe('welcome');
    for (const type of ['ping', 'pong', 'heartbeat', 'heartbeat_ack']) expect(normaliseFrame({ type }, 0).kind).toBe('keepalive');
    expect(normaliseFrame({ type: 'ack', received_type: 'x', status: 'acknowledged' }, 0).kind).toBe('ack');
    expect(normaliseFrame({ type: 'agent_error', payload: { error: 'quota' } }, 0).kind).toBe('agent_error');
  });

  test("the platform's own timestamp: ISO 8601 in E3, unix seconds at the E1 top level, else none", () => {
    expect(normaliseFrame(JSON.stringify(recorded[4]), 0).stampedAt).toBe(Date.parse(recorded[4]!.timestamp as string));
    expect(normaliseFrame({ type: 'agent_started', timestamp: 1795386576.992 }, 0).stampedAt).toBe(1795386576992);
    expect(normaliseFrame({ type: 'agent_started', data: { timestamp: '2026-11-22T22:29:37.015Z' } }, 0).stampedAt).toBe(Date.parse('2026-11-22T22:29:37.015Z'));
    expect(normaliseFrame({ type: 'agent_started', timestamp: 'yesterday-ish' }, 0).stampedAt).toBeUndefined();
    expect(normaliseFrame({ type: 'agent_started' }, 0).stampedAt).toBeUndefined();
  });

  test('text that is not JSON is kept, not thrown', () => {
    expect(normaliseFrame('not json', 3)).toMatchObject({ kind: 'unparseable', raw: 'not json', receivedAt: 3 });
  });
});

test.describe('answerOf takes the first non-empty of the contract fields', () => {
  const answer = (payload: unknown) => answerOf(normaliseFrame({ type: 'agent_completed', payload }, 0));

  test('result.response first, then the fallbacks in order', () => {
    expect(answerOf(normaliseFrame(JSON.stringify(recorded[7]), 0))).toContain('Here is the answer');
    expect(answer({ result: { response: '', final_response: 'B' } })).toBe('B');
    expect(answer({ result: { content: 'C' } })).toBe('C');
    expect(answer({ final_response: 'D', content: 'E' })).toBe('D');
    expect(answer({ content: 'E' })).toBe('E');
    expect(answer({ message: 'F' })).toBe('F');
    expect(answer({ status: 'completed' })).toBeUndefined();
  });

  test("the real backend's bare trailer with the answer object as payload", () => {
    expect(answerOf(normaliseFrame(JSON.stringify(recorded[8]), 0))).toContain('Here is the answer');
    expect(answer('plain text answer')).toBe('plain text answer');
  });
});

test('error frames are read in both shapes the contract names', () => {
  expect(errorTextOf(normaliseFrame({ type: 'error', message: 'Access denied to thread' }, 0))).toBe('Access denied to thread');
  expect(errorTextOf(normaliseFrame({ type: 'error', payload: { error_message: 'boom' } }, 0))).toBe('boom');
  const flat = normaliseFrame({ type: 'error_message', error_code: 'AUTH_FAILED', error_message: 'Invalid token' }, 0);
  expect(errorCodeOf(flat)).toBe('AUTH_FAILED');
  expect(errorTextOf(flat)).toBe('Invalid token');
});
