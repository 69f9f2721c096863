import { expect, test } from '@playwright/test';
import { normaliseFrame } from './events';
import { failureClassOf } from './failure-classes';
import { describeRequests, pageSocketProblem, sentChatMessage, type PageSocketObservation } from './page-socket';

const WS = 'ws://localhost:8000/ws';
const THREAD = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

test.describe('the chat message among the frames the page sent (contract 4, 5)', () => {
  test("the real page's first message, start_agent with user_request", () => {
    const text = JSON.stringify({ type: 'start_agent', payload: { user_request: 'hello', thread_id: THREAD, context: {}, settings: {} } });
    expect(sentChatMessage(text)).toEqual({ type: 'start_agent', content: 'hello', threadId: THREAD });
  });

  test('user_message with content or text, the flat form, and the chat_message alias', () => {
    expect(sentChatMessage(JSON.stringify({ type: 'user_message', payload: { content: 'a', thread_id: THREAD } }))?.content).toBe('a');
    expect(sentChatMessage(JSON.stringify({ type: 'user_message', payload: { text: 'b', thread_id: THREAD } }))?.content).toBe('b');
    expect(sentChatMessage(JSON.stringify({ type: 'user_message', content: 'c', thread_id: THREAD }))?.content).toBe('c');
    expect(sentChatMessage(JSON.stringify({ type: 'chat_message', payload: { content: 'd', thread_id: THREAD } }))?.content).toBe('d');
  });

  test('keepalive, frames without a thread, and text that is not JSON are not the message', () => {
    expect(sentChatMessage(JSON.stringify({ type: 'ping', timestamp: 1 }))).toBeUndefined();
    expect(sentChatMessage(JSON.stringify({ type: 'heartbeat_ack' }))).toBeUndefined();
    expect(sentChatMessage(JSON.stringify({ type: 'user_message', payload: { content: 'x' } }))).toBeUndefined();
    expect(sentChatMessage('{"type": "user_message", "payload": {')).toBeUndefined();
    expect(sentChatMessage('null')).toBeUndefined();
  });
});

test.describe('why the page did not get its message onto its socket', () => {
  const seen = (extra: Partial<PageSocketObservation>): PageSocketObservation => ({ url: WS, errors: [], closed: undefined, sockets: 1, sentAny: true, frames: [], requestsAfterSend: [], ...extra });
  const problem = (extra: Partial<PageSocketObservation>) => pageSocketProblem(seen(extra), 20_000);
  const cls = (extra: Partial<PageSocketObservation>) => failureClassOf(problem(extra).message);
  const welcome = normaliseFrame({ type: 'connection_established', data: {} }, 0);
  const authFailed = normaliseFrame({ type: 'error', payload: { error_message: 'Authentication failed', error_code: 'AUTH_FAILED' } }, 0);

  test('an HTTP status on the upgrade is WS_UPGRADE_REJECTED with the status; another socket error WS_UNREACHABLE', () => {
    expect(problem({ errors: ['Unexpected response code: 404'] }).message).toMatch(/^\[WS_UPGRADE_REJECTED\] .*HTTP 404 instead of 101/);
    expect(problem({ errors: ['net::ERR_CONNECTION_REFUSED'] }).message).toMatch(/^\[WS_UNREACHABLE\] .*ERR_CONNECTION_REFUSED/);
  });

  test('a close: 1011 WS_SERVER_ERROR; 1008 or an AUTH_FAILED frame WS_AUTH_REJECTED; another WS_CLOSED_EARLY', () => {
    expect(cls({ closed: { code: 1011, reason: 'boom' } })).toBe('WS_SERVER_ERROR');
    expect(cls({ closed: { code: 1008, reason: 'Authentication failed' } })).toBe('WS_AUTH_REJECTED');
    expect(cls({ closed: { code: 1006, reason: '' }, frames: [authFailed] })).toBe('WS_AUTH_REJECTED');
    expect(cls({ closed: { code: 1001, reason: 'going away' }, frames: [welcome] })).toBe('WS_CLOSED_EARLY');
  });

  test('no socket at all is FRONTEND_BROKEN; an open socket that never opened is WS_HANDSHAKE_TIMEOUT', () => {
    expect(problem({ sockets: 0, sentAny: false }).message).toMatch(/^\[FRONTEND_BROKEN\] the page never opened its socket to ws:\/\/localhost:8000\/ws; .*no request/);
    expect(cls({ sentAny: false, frames: [] })).toBe('WS_HANDSHAKE_TIMEOUT');
  });

  test('a page that diverted the message names what it did instead: the requests and their statuses', () => {
    const diverted = problem({
      frames: [welcome],
      requestsAfterSend: [
        { method: 'POST', url: 'http://localhost:8000/api/agent/v2/execute', status: 422 },
        { method: 'GET', url: 'http://localhost:8000/api/threads?limit=20&offset=0', status: 200 },
      ],
    });
    expect(diverted.message).toMatch(/^\[FRONTEND_BROKEN\] the page did not send the message on its socket to ws:\/\/localhost:8000\/ws within 20000 ms; instead it made POST http:\/\/localhost:8000\/api\/agent\/v2\/execute → HTTP 422, GET/);
    expect(problem({ frames: [welcome] }).message).toContain('it made no request to the platform either');
  });

  test('a request that got no answer shows the browser\'s reason; a long list is cut', () => {
    expect(describeRequests([{ method: 'POST', url: 'http://x/api', failure: 'net::ERR_FAILED' }])).toBe('instead it made POST http://x/api → net::ERR_FAILED');
    const many = Array.from({ length: 10 }, (_, i) => ({ method: 'GET', url: `http://x/${i}`, status: 200 }));
    expect(describeRequests(many)).toMatch(/… \(10 in all\)$/);
  });
});
