import { expect, test } from '@playwright/test';
import { normaliseFrame } from './events';
import { failureClassOf } from './failure-classes';
import { malformedFrameClose, malformedFrameExpectation } from './malformed-frame';
import { accessDeniedExpectation, judgeSocketRefusal, withForgedSignature, type RefusalObservation } from './unhappy-paths';

const URL = 'ws://localhost:8000/ws';
const f = (raw: object) => normaliseFrame(raw as Record<string, unknown>, 0);
const authFailed = f({ type: 'error_message', error_code: 'AUTH_FAILED', error_message: 'WebSocket authentication failed' });
const welcome = f({ type: 'connection_established', data: { user_id: 'dev-user…' } });
const seen = (extra: Partial<RefusalObservation>): RefusalObservation => ({ upgraded: true, frames: [], timedOut: false, budgetMs: 3000, ...extra });
const judge = (o: RefusalObservation) => judgeSocketRefusal(URL, 'a forged token', o);
const cls = (o: RefusalObservation) => failureClassOf(judge(o)?.message);

test('every refusal of sections 4 and 8 passes: 401/403 on the upgrade, an AUTH_FAILED frame (any shape) and/or close 1008', () => {
  expect(judge(seen({ upgraded: false, http: { status: 401, bodyExcerpt: '' } }))).toBeUndefined();
  expect(judge(seen({ upgraded: false, http: { status: 403, bodyExcerpt: '' } }))).toBeUndefined();
  expect(judge(seen({ frames: [authFailed], close: { code: 1008, reason: 'Authentication failed' } }))).toBeUndefined();
  // "AUTH_FAILED frame and/or close 1008": either one alone is a refusal too.
  expect(judge(seen({ close: { code: 1008, reason: '' } }))).toBeUndefined();
  expect(judge(seen({ frames: [authFailed], timedOut: true }))).toBeUndefined();
  expect(judge(seen({ frames: [authFailed], close: { code: 1000, reason: '' } }))).toBeUndefined();
  const payloadShape = f({ type: 'error', payload: { error_message: 'Authentication failed', error_code: 'AUTH_FAILED' } });
  const messageShape = f({ type: 'error', message: 'Authentication failed', error_code: 'AUTH_FAILED' });
  expect(judge(seen({ frames: [payloadShape], close: { code: 1008, reason: '' } }))).toBeUndefined();
  expect(judge(seen({ frames: [messageShape], timedOut: true }))).toBeUndefined();
});

test('a welcome for a token that must be refused is a security failure, AUTH_FAILED, even if a close follows', () => {
  const accepted = judge(seen({ frames: [welcome], timedOut: true }));
  expect(accepted?.message).toMatch(/^\[AUTH_FAILED\] ws:\/\/localhost:8000\/ws ACCEPTED a forged token: it answered connection_established/);
  expect(cls(seen({ frames: [welcome], close: { code: 1008, reason: '' } }))).toBe('AUTH_FAILED');
});

test('every other answer fails with the class that names it', () => {
  expect(cls(seen({ upgraded: false, tcpError: { code: 'ECONNREFUSED', message: 'refused' } }))).toBe('WS_UNREACHABLE');
  expect(judge(seen({ upgraded: false, http: { status: 404, bodyExcerpt: '{"detail":"Not Found"}' } }))?.message).toMatch(/^\[WS_UPGRADE_REJECTED\] .*HTTP 404/);
  expect(cls(seen({ upgraded: false, timedOut: true }))).toBe('WS_HANDSHAKE_TIMEOUT');
  expect(cls(seen({ close: { code: 1011, reason: 'Internal error' } }))).toBe('WS_SERVER_ERROR');
  expect(cls(seen({ frames: [authFailed], close: { code: 1011, reason: 'Internal error' } }))).toBe('WS_SERVER_ERROR');
  expect(judge(seen({ close: { code: 1000, reason: 'bye' } }))?.message).toMatch(/^\[WS_CLOSED_EARLY\] .*1000 "bye" when offered a forged token, without refusing it/);
  expect(cls(seen({ timedOut: true }))).toBe('WS_NO_WELCOME');
});

test("another user's thread: Access denied passes, another error text warns, a run is ISOLATION_BREACH, silence AGENT_NO_EVENTS", () => {
  const e = accessDeniedExpectation('thread_1_abc', 'e2e-owner');
  const denied = f({ type: 'error', message: 'Access denied to thread' });
  const deniedPayload = f({ type: 'error', payload: { error_message: 'Access denied to thread' } });
  const deniedFlat = f({ type: 'error_message', error_code: 'ACCESS_DENIED', error_message: 'Access denied to thread' });
  const started = f({ type: 'agent_started', run_id: 'r1', thread_id: 'thread_1_abc', payload: {} });
  expect(e.settles(denied) && e.settles(started) && !e.settles(welcome)).toBe(true);
  for (const frame of [denied, deniedPayload, deniedFlat]) expect(e.judge(frame)).toEqual({});
  expect(e.judge(started).failure?.message).toMatch(/^\[ISOLATION_BREACH\] the platform started an agent run on e2e-owner's thread thread_1_abc .*"run_id":"r1"/);
  expect(e.judge(f({ type: 'error', message: 'Thread not found' }))).toEqual({ warning: expect.stringContaining('refused with error "Thread not found"') });
  expect(e.silence(5000, []).failure?.message).toMatch(/^\[AGENT_NO_EVENTS\] no answer within 5000 ms to another user's message/);
});

test.describe('an invalid JSON frame (contract 4): the socket stays open; any answer or silence is tolerated', () => {
  const e = malformedFrameExpectation(URL);

  test('the canonical JSON_PARSE_ERROR passes without a warning', () => {
    const parse = f({ type: 'error_message', error_code: 'JSON_PARSE_ERROR', error_message: 'Invalid JSON in message' });
    expect(e.settles(parse)).toBe(true);
    expect(e.judge(parse)).toEqual({});
  });

  test('another shape or code passes with a warning naming what came', () => {
    const invalid = f({ type: 'error', message: 'Invalid JSON message', error_code: 'INVALID_JSON' });
    expect(e.judge(invalid)).toEqual({ warning: expect.stringContaining('answered an invalid JSON frame with error "Invalid JSON message" (INVALID_JSON)') });
    expect(e.judge(invalid).failure).toBeUndefined();
    expect(e.judge(f({ type: 'error', payload: { error_message: 'bad frame' } })).warning).toContain('error "bad frame"');
  });

  test('silence passes with a warning: the pong to the ping after it came first, or nothing at all', () => {
    const pong = f({ type: 'pong', timestamp: 1 });
    expect(e.settles(pong)).toBe(true);
    expect(e.judge(pong)).toEqual({ warning: expect.stringContaining('gave no answer to an invalid JSON frame') });
    expect(e.silence(2000, [welcome])).toEqual({ warning: expect.stringContaining('within 2000 ms') });
  });

  test("another tab's agent events never settle it", () => {
    expect(e.settles(f({ type: 'agent_started', run_id: 'r9', thread_id: 'thread_of_another_tab', payload: {} }))).toBe(false);
  });

  test('a close 1011 is WS_SERVER_ERROR, any other close WS_CLOSED_EARLY', () => {
    expect(failureClassOf(malformedFrameClose(URL, 1011, 'Internal error', [welcome]).message)).toBe('WS_SERVER_ERROR');
    expect(failureClassOf(malformedFrameClose(URL, 1008, 'policy', []).message)).toBe('WS_CLOSED_EARLY');
    expect(failureClassOf(e.closed!(1003, 'unsupported data', []).message)).toBe('WS_CLOSED_EARLY');
  });
});

test('a forged signature differs from the genuine one in one bit, and keeps header and claims', () => {
  const sig = Buffer.from([0x10, 0x20, 0x30]).toString('base64url');
  const forged = withForgedSignature(`aGVhZGVy.Y2xhaW1z.${sig}`);
  const [h, c, s] = forged.split('.');
  expect([h, c]).toEqual(['aGVhZGVy', 'Y2xhaW1z']);
  expect([...Buffer.from(s ?? '', 'base64url')]).toEqual([0x11, 0x20, 0x30]);
  expect(() => withForgedSignature('not-a-jwt')).toThrow(/not a JWT/);
});
