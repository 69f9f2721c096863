import { expect, test } from '@playwright/test';
import { normaliseFrame } from './events';
import { failureClassOf } from './failure-classes';
import { accessDeniedExpectation, judgeSocketRefusal, parseErrorExpectation, withForgedSignature, type RefusalObservation } from './unhappy-paths';

const URL = 'ws://localhost:8000/ws';
const f = (raw: object) => normaliseFrame(raw as Record<string, unknown>, 0);
const authFailed = f({ type: 'error_message', error_code: 'AUTH_FAILED', error_message: 'WebSocket authentication failed' });
const welcome = f({ type: 'connection_established', data: { user_id: 'dev-user…' } });
const seen = (extra: Partial<RefusalObservation>): RefusalObservation => ({ upgraded: true, frames: [], timedOut: false, budgetMs: 3000, ...extra });
const judge = (o: RefusalObservation) => judgeSocketRefusal(URL, 'a forged token', o);
const cls = (o: RefusalObservation) => failureClassOf(judge(o)?.message);

test('the two shapes of refusal pass: 401/403 on the upgrade, AUTH_FAILED then 1008', () => {
  expect(judge(seen({ upgraded: false, http: { status: 401, bodyExcerpt: '' } }))).toBeUndefined();
  expect(judge(seen({ upgraded: false, http: { status: 403, bodyExcerpt: '' } }))).toBeUndefined();
  expect(judge(seen({ frames: [authFailed], close: { code: 1008, reason: 'Authentication failed' } }))).toBeUndefined();
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
  expect(judge(seen({ close: { code: 1008, reason: '' } }))?.message).toMatch(/^\[WS_CLOSED_EARLY\] .*without the error_message AUTH_FAILED frame/);
  expect(judge(seen({ frames: [authFailed], close: { code: 1000, reason: '' } }))?.message).toMatch(/^\[WS_CLOSED_EARLY\] .*1000 "" instead of 1008 after its AUTH_FAILED frame/);
  expect(judge(seen({ frames: [authFailed], timedOut: true }))?.message).toMatch(/^\[AUTH_FAILED\] .*kept the socket open/);
  expect(cls(seen({ timedOut: true }))).toBe('WS_NO_WELCOME');
});

test("another user's thread: only Access denied passes; a run or another answer is ISOLATION_BREACH, silence AGENT_NO_EVENTS", () => {
  const e = accessDeniedExpectation('thread_1_abc', 'e2e-owner');
  const denied = f({ type: 'error', message: 'Access denied to thread' });
  const deniedPayload = f({ type: 'error', payload: { error_message: 'Access denied to thread' } });
  const started = f({ type: 'agent_started', run_id: 'r1', thread_id: 'thread_1_abc', payload: {} });
  expect(e.settles(denied) && e.settles(started) && !e.settles(welcome)).toBe(true);
  expect(e.judge(denied)).toBeUndefined();
  expect(e.judge(deniedPayload)).toBeUndefined();
  expect(e.judge(started)?.message).toMatch(/^\[ISOLATION_BREACH\] the platform started an agent run on e2e-owner's thread thread_1_abc .*"run_id":"r1"/);
  expect(e.judge(f({ type: 'error', message: 'Invalid thread_id format' }))?.message).toMatch(/^\[ISOLATION_BREACH\] .*answered error "Invalid thread_id format"/);
  expect(e.silence(5000, []).message).toMatch(/^\[AGENT_NO_EVENTS\] no answer within 5000 ms to another user's message/);
});

test('an invalid JSON frame: only JSON_PARSE_ERROR passes; anything else is WS_SERVER_ERROR', () => {
  const e = parseErrorExpectation(URL);
  const parse = f({ type: 'error_message', error_code: 'JSON_PARSE_ERROR', error_message: 'Invalid JSON in message' });
  expect(e.settles(parse)).toBe(true);
  expect(e.settles(f({ type: 'agent_started', run_id: 'r9', thread_id: 'thread_of_another_tab', payload: {} }))).toBe(false);
  expect(e.judge(parse)).toBeUndefined();
  expect(e.judge(f({ type: 'error', message: 'Message type is required' }))?.message).toMatch(/^\[WS_SERVER_ERROR\] .*answered an invalid JSON frame with error "Message type is required"/);
  expect(e.silence(2000, [welcome]).message).toMatch(/^\[WS_SERVER_ERROR\] .*no error_message JSON_PARSE_ERROR within 2000 ms.*connection_established/);
});

test('a forged signature differs from the genuine one in one bit, and keeps header and claims', () => {
  const sig = Buffer.from([0x10, 0x20, 0x30]).toString('base64url');
  const forged = withForgedSignature(`aGVhZGVy.Y2xhaW1z.${sig}`);
  const [h, c, s] = forged.split('.');
  expect([h, c]).toEqual(['aGVhZGVy', 'Y2xhaW1z']);
  expect([...Buffer.from(s ?? '', 'base64url')]).toEqual([0x11, 0x20, 0x30]);
  expect(() => withForgedSignature('not-a-jwt')).toThrow(/not a JWT/);
});
