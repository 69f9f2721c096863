import { expect, test } from '@playwright/test';
import { normaliseFrame } from './events';
import { failureClassOf } from './failure-classes';
import { classifyClose, classifyConnect, shortProtocol } from './socket-outcome';

const URL = 'wss://api.example.test/ws';
const cls = (e: Error) => failureClassOf(e.message);

test('each row of the contract 4 table has its own class', () => {
  expect(cls(classifyConnect(URL, { what: 'tcp-error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }))).toBe('WS_UNREACHABLE');
  expect(cls(classifyConnect(URL, { what: 'tcp-error', code: 'ENOTFOUND', message: 'getaddrinfo' }))).toBe('WS_UNREACHABLE');
  const rejected = classifyConnect(URL, { what: 'http-status', status: 404, bodyExcerpt: '{"detail":"Not Found"}' });
  expect(rejected.message).toBe(`[WS_UPGRADE_REJECTED] upgrade to ${URL} answered HTTP 404 instead of 101; body: {"detail":"Not Found"}`);
  expect(cls(classifyConnect(URL, { what: 'no-101', budgetMs: 10_000 }))).toBe('WS_HANDSHAKE_TIMEOUT');
  expect(cls(classifyConnect(URL, { what: 'protocol', offered: ['jwt-auth', 'jwt.ZXlKsecret'], accepted: undefined, message: 'Server sent no subprotocol' }))).toBe('WS_PROTOCOL_MISMATCH');
  expect(cls(classifyConnect(URL, { what: 'no-first-frame', budgetMs: 10_000, frames: [] }))).toBe('WS_NO_WELCOME');
  const auth = normaliseFrame({ type: 'error_message', error_code: 'AUTH_FAILED', error_message: 'Invalid token' }, 0);
  expect(cls(classifyConnect(URL, { what: 'auth-frame', frame: auth }))).toBe('WS_AUTH_REJECTED');
});

test('closes: 1011 is a server error, 1008 or an AUTH_FAILED frame is an auth rejection, anything else is early', () => {
  expect(classifyClose(URL, 1011, 'Internal error', [], 'during the run').message).toMatch(/^\[WS_SERVER_ERROR\] .*1011.*"Internal error"/);
  expect(cls(classifyClose(URL, 1008, 'policy', [], 'x'))).toBe('WS_AUTH_REJECTED');
  const auth = normaliseFrame({ type: 'error_message', error_code: 'AUTH_FAILED' }, 0);
  expect(cls(classifyClose(URL, 1006, '', [auth], 'x'))).toBe('WS_AUTH_REJECTED');
  expect(classifyClose(URL, 1001, 'going away', [normaliseFrame({ type: 'agent_started' }, 0)], 'during the run').message).toMatch(
    /^\[WS_CLOSED_EARLY\] .*1001 "going away".*frames received: agent_started/,
  );
});

test('a jwt subprotocol never appears in full in a message', () => {
  const token = 'jwt.ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZXlKemRXSWlPaUo0SW4wLnNpZw';
  expect(shortProtocol(token)).toBe('jwt.ZXlK…');
  const m = classifyConnect(URL, { what: 'protocol', offered: ['jwt-auth', token], accepted: 'jwt-auth', message: 'not echoed' }).message;
  expect(m).not.toContain(token.slice(8));
});
