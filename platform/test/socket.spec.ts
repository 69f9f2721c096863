import { GOLDEN_PATH_EVENTS } from '../faults';
import { startPlatform } from '../start';
import { devLogin, ISO } from './wire/platform-client';
import { expect, test } from './wire/platform-fixture';
import { type Frame, isAgentEvent, isBareCompletion, REFERENCE_RUN, WireSocket, UpgradeRejected } from './wire/wire-socket';

/** The socket of contract section 4: handshake, welcome, client messages, agent events. */

/** Sends a message and returns the agent events of that run, up to the bare completion. */
async function run(probe: WireSocket, message: Frame): Promise<Frame[]> {
  const from = probe.frames.length;
  probe.send(message);
  await probe.waitFor(isBareCompletion, 5000, 'bare agent_completed', from);
  return probe.frames.slice(from).filter(isAgentEvent);
}

function answerOf(events: Frame[]): string {
  const completed = events.filter((e) => e['type'] === 'agent_completed' && e['run_id']).at(-1);
  return ((completed?.['payload'] as Record<string, unknown>)['result'] as Record<string, string>)['response'] ?? '';
}

test.describe('handshake', () => {
  test('the offered jwt.<base64url> subprotocol is echoed and the E1 welcome comes first', async ({ platform, devTokens }) => {
    const { access_token } = devTokens;
    const probe = await WireSocket.open(platform.urls.ws, { token: access_token });
    expect(probe.ws.protocol).toBe(`jwt.${Buffer.from(access_token).toString('base64url')}`);
    const welcome = await probe.waitFor(() => true, 2000, 'first frame');
    expect(welcome).toMatchObject({
      type: 'connection_established',
      data: { mode: 'main', user_id: 'dev-user…', golden_path_events: [...GOLDEN_PATH_EVENTS] },
    });
    const data = welcome['data'] as Record<string, unknown>;
    expect(data['connection_id']).toMatch(/^main_[0-9a-f]+$/);
    expect(data['timestamp']).toMatch(ISO);
    expect(typeof welcome['timestamp']).toBe('number');
    expect(Math.abs((welcome['timestamp'] as number) - Date.now() / 1000)).toBeLessThan(60);
    expect(welcome['server_id']).toEqual(expect.any(String));
    expect(welcome['correlation_id']).toEqual(expect.any(String));
    probe.close();
  });

  test('a raw JWT after jwt., a Bearer header, and /api/v1/websocket are accepted too', async ({ platform, devTokens }) => {
    const { access_token } = devTokens;
    const raw = await WireSocket.welcomed(platform.urls.ws, { token: access_token, style: 'raw-subprotocol' });
    expect(raw.ws.protocol).toBe(`jwt.${access_token}`);
    const header = await WireSocket.welcomed(platform.urls.ws, { token: access_token, style: 'bearer' });
    expect(header.ws.protocol).toBe('');
    const legacyPath = await WireSocket.welcomed(platform.urls.ws, { token: access_token, path: '/api/v1/websocket' });
    expect(await run(legacyPath, { type: 'user_message', payload: { content: 'legacy path works' } })).not.toHaveLength(0);
    for (const probe of [raw, header, legacyPath]) probe.close();
  });

  test('an unknown socket path is answered HTTP 404', async ({ platform, devTokens }) => {
    const error = await WireSocket.open(platform.urls.ws, { token: devTokens.access_token, path: '/socket' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpgradeRejected);
    expect((error as UpgradeRejected).status).toBe(404);
  });

  test('a missing, invalid or refresh token gets a flat AUTH_FAILED frame, then close 1008', async ({ platform, devTokens }) => {
    for (const token of [undefined, 'not.a.jwt', devTokens.refresh_token]) {
      const probe = await WireSocket.open(platform.urls.ws, token ? { token } : { style: 'none' });
      const closed = await probe.closedWithin(2000);
      expect(closed.code, String(token)).toBe(1008);
      expect(probe.frames).toHaveLength(1);
      expect(probe.frames[0]).toMatchObject({ type: 'error_message', error_code: 'AUTH_FAILED', error_message: expect.any(String) });
      expect(probe.frames[0]).toHaveProperty('details');
      expect(probe.frames[0]!['timestamp']).toMatch(ISO);
    }
  });
});

test.describe('an agent run', () => {
  test('streams the five events in order in the E3 envelope, then the bare completion', async ({ devSocket }) => {
    const threadId = '6f1c2a4e-8b3d-4f5a-9c7e-1d2b3a4c5d6e';
    const events = await run(devSocket, { type: 'user_message', payload: { content: 'What is our GPU spend?', thread_id: threadId } });

    expect(events.map((e) => e['type'])).toEqual(REFERENCE_RUN);
    const runId = events[0]!['run_id'];
    expect(runId).toEqual(expect.any(String));
    for (const event of events.slice(0, -1)) {
      expect(event).toMatchObject({ run_id: runId, user_id: 'dev-user-001', thread_id: threadId, agent_name: expect.any(String) });
      expect(event['timestamp']).toMatch(ISO);
    }
    const payloads = events.map((e) => e['payload'] as Record<string, unknown>);
    expect(payloads[0]).toMatchObject({ status: 'started', message: expect.any(String), context: expect.any(Object) });
    expect(payloads[1]).toMatchObject({ reasoning: expect.any(String), step_number: 1, progress_percentage: expect.any(Number), status: 'thinking' });
    expect(payloads[3]).toMatchObject({ tool_name: expect.any(String), parameters: expect.any(Object), status: 'executing' });
    expect(payloads[4]).toMatchObject({ tool_name: payloads[3]!['tool_name'], result: expect.anything(), execution_time_ms: expect.any(Number), status: 'completed' });
    expect(payloads[6]).toMatchObject({ status: 'completed', execution_time_ms: expect.any(Number) });
    expect(answerOf(events)).toContain('What is our GPU spend?');

    const bare = events.at(-1)!;
    expect(Object.keys(bare).sort()).toEqual(['payload', 'type']);
    expect(((bare['payload'] as Record<string, unknown>)['result'] as Record<string, string>)['response']).toBe(answerOf(events));
  });

  test.describe('paced', () => {
    test.use({ platformOptions: { agentStepMs: 60 } });

    test('events are paced by agentStepMs', async ({ devSocket }) => {
      const sentAt = Date.now();
      const events = await run(devSocket, { type: 'user_message', payload: { content: 'pace me' } });
      // The server's own send times (E3 timestamps), not arrival times, which a busy client can bunch up.
      const sentTimes = events.filter((e) => e['timestamp']).map((e) => Date.parse(e['timestamp'] as string));
      expect(sentTimes).toHaveLength(7);
      expect(sentTimes[0]! - sentAt).toBeGreaterThanOrEqual(60 - 2);
      const gaps = sentTimes.slice(1).map((t, i) => t - sentTimes[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60 - 2);
    });
  });

  test('the tolerated message forms all start a run that answers the message', async ({ devSocket }) => {
    const forms: [string, Frame, string][] = [
      ['text instead of content', { type: 'user_message', payload: { text: 'form one' } }, 'form one'],
      ['flat form', { type: 'user_message', content: 'form two' }, 'form two'],
      ['chat_message alias', { type: 'chat_message', payload: { content: 'form three' } }, 'form three'],
      ['start_agent alias', { type: 'start_agent', payload: { user_request: 'form four', context: { source: 'page' }, settings: {} } }, 'form four'],
    ];
    for (const [name, message, content] of forms) {
      const events = await run(devSocket, message);
      expect(answerOf(events), name).toContain(content);
      expect(new Set(events.map((e) => e['type'])), name).toEqual(new Set(GOLDEN_PATH_EVENTS));
    }
  });

  test('a thread-less message starts a new structured thread; messages sent before the welcome still count', async ({ platform, devTokens }) => {
    const probe = await WireSocket.open(platform.urls.ws, { token: devTokens.access_token });
    probe.send({ type: 'user_message', payload: { content: 'sent before welcome' } });
    const started = await probe.waitFor((f) => f['type'] === 'agent_started', 3000, 'agent_started');
    expect(probe.frames[0]!['type']).toBe('connection_established');
    expect(started['thread_id']).toMatch(/^thread_\d+_[0-9a-f]+$/);
    await probe.waitFor(isBareCompletion, 3000, 'bare agent_completed');
    probe.close();
  });
});

test.describe('client mistakes', () => {
  test('invalid JSON, empty content, unknown types and placeholder thread ids get answers; the socket stays open', async ({ devSocket: probe }) => {

    probe.send('{not json');
    const parseError = await probe.waitFor((f) => f['type'] === 'error_message', 2000, 'JSON_PARSE_ERROR');
    expect(parseError).toMatchObject({ error_code: 'JSON_PARSE_ERROR', error_message: expect.any(String), details: expect.any(Object) });
    expect(parseError['timestamp']).toMatch(ISO);

    probe.send({ type: 'user_message', payload: { content: '   ' } });
    expect(await probe.waitFor((f) => f['type'] === 'error', 2000, 'empty-content error')).toMatchObject({ message: expect.stringMatching(/empty/i) });

    let from = probe.frames.length;
    probe.send({ type: 'get_thread_history', payload: {} });
    expect(await probe.waitFor((f) => f['type'] === 'ack', 2000, 'ack', from)).toMatchObject({ received_type: 'get_thread_history', status: 'acknowledged' });

    from = probe.frames.length;
    probe.send({ type: 'user_message', payload: { content: 'hello', thread_id: 'test_1' } });
    expect(await probe.waitFor((f) => f['type'] === 'error', 2000, 'thread id error', from)).toMatchObject({ message: expect.stringContaining('test_1') });

    from = probe.frames.length;
    probe.send({ type: 'ping', timestamp: 123 });
    expect(await probe.waitFor((f) => f['type'] === 'pong', 2000, 'pong', from)).toBeTruthy();
    expect(probe.frames.some(isAgentEvent), 'none of the mistakes started a run').toBe(false);
    expect(probe.isClosed).toBe(false);
  });

  test('garbage frames never crash the backend', async ({ platform, devTokens, devSocket: probe }) => {
    const garbage = ['null', '42', '[]', '"text"', '{}', '{"type":7}', '{"type":"user_message","payload":"x"}', '{"type":"user_message","payload":{"content":{"a":1}}}', '{"type":"start_agent","payload":{"user_request":"x","thread_id":{"$ne":1}}}', '\u0000\u0001'];
    for (const frame of garbage) probe.send(frame);
    probe.ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
    const from = probe.frames.length;
    probe.send({ type: 'ping' });
    await probe.waitFor((f) => f['type'] === 'pong', 2000, 'pong after garbage', from);
    expect(probe.isClosed).toBe(false);
    const fresh = await WireSocket.welcomed(platform.urls.ws, { token: devTokens.access_token });
    expect(await run(fresh, { type: 'user_message', payload: { content: 'still alive' } })).not.toHaveLength(0);
    fresh.close();
  });

  test('a frame over 1 MiB is closed with 1009 and the backend keeps serving', async ({ platform, devTokens, devSocket: probe }) => {
    probe.send({ type: 'user_message', payload: { content: 'x'.repeat(1024 * 1024) } });
    expect((await probe.closedWithin(3000)).code).toBe(1009);
    const fresh = await WireSocket.welcomed(platform.urls.ws, { token: devTokens.access_token });
    expect(await run(fresh, { type: 'user_message', payload: { content: 'after the big one' } })).not.toHaveLength(0);
    fresh.close();
  });
});

test.describe('keepalive', () => {
  test.use({ platformOptions: { heartbeatMs: 150 } });

  test('idle sockets get heartbeat frames; heartbeat_ack is not answered', async ({ devSocket: probe }) => {
    const beat = await probe.waitFor((f) => f['type'] === 'heartbeat', 2000, 'heartbeat');
    expect(beat['timestamp']).toMatch(ISO);
    const from = probe.frames.length;
    probe.send({ type: 'heartbeat_ack' });
    probe.send({ type: 'ping', timestamp: 1 });
    await probe.waitFor((f) => f['type'] === 'pong', 2000, 'pong', from);
    expect(probe.frames.slice(from).map((f) => f['type'])).not.toContain('ack');
  });
});

test('stop() closes sockets, cancels runs in flight and leaves no timers behind', async () => {
  const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const platform = await startPlatform({ agentStepMs: 300, heartbeatMs: 60_000 });
  const { access_token } = await devLogin(platform.urls.auth);
  const probe = await WireSocket.welcomed(platform.urls.ws, { token: access_token });
  probe.send({ type: 'user_message', payload: { content: 'a slow run' } });
  await probe.waitFor((f) => f['type'] === 'agent_started', 3000, 'agent_started');
  const stoppedAt = Date.now();
  await platform.stop();
  expect(Date.now() - stoppedAt).toBeLessThan(1000);
  expect((await probe.closedWithin(1000)).code).toBeGreaterThan(0);
  expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(before);
});
