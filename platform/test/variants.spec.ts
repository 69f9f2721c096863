import { ANSWER_FIELDS } from '../backend/envelopes-script';
import { bearer, call, e2eLogin } from './wire/platform-client';
import { expect, FAST_STEP_MS, test, withVariants } from './wire/platform-fixture';
import { type Frame, isBareCompletion, WireSocket } from './wire/wire-socket';

/**
 * The healthy variants of the socket (platform/variants.ts) as a client sees them on the wire:
 * each conforms to contract section 4 in another way than the reference default.
 */

const SILENCE_MS = 15 * FAST_STEP_MS;
const RUN_MS = 5000;

const record = (value: unknown): Record<string, unknown> => (value ?? {}) as Record<string, unknown>;

/** An `envelopes` run ends with noise after its bare completion: the frames from `from` to that noise. */
async function envelopesRun(probe: WireSocket, from: number): Promise<Frame[]> {
  const closing = await probe.waitFor(isBareCompletion, RUN_MS, 'bare completion', from);
  const at = probe.frames.indexOf(closing);
  await probe.waitFor((f) => f['type'] === 'agent_status_update', 2000, 'the noise after the bare completion', at + 1);
  return probe.frames.slice(from);
}

async function savedAssistantText(backend: string, token: string, threadId: string): Promise<unknown> {
  const messages = await call(`${backend}/api/threads/${threadId}/messages`, { headers: bearer(token) });
  return (messages.body['messages'] as Record<string, unknown>[]).find((m) => m['role'] === 'assistant')?.['content'];
}

/** Where the answer of a completion sits, read by the field's dotted name. */
function fieldOf(payload: Record<string, unknown>, field: string): unknown {
  const [outer, inner] = field.split('.') as [string, string | undefined];
  return inner ? record(payload[outer])[inner] : payload[outer];
}

/** `type/inner type/where the fields are`, e.g. `agent_progress/agent_started/data`. */
function shape(f: Frame): string {
  const inner = record(f['data'])['type'] ?? record(f['data'])['event'] ?? record(f['payload'])['type'];
  const where = f['payload'] !== undefined ? 'payload' : f['data'] !== undefined ? 'data' : 'flat';
  return [f['type'], inner, where].filter(Boolean).join('/');
}

test.describe('envelopes', () => {
  withVariants('envelopes');

  test('one run uses every tolerated envelope, with ack, heartbeats, unknown events and a sub-agent', async ({ platform, devTokens, devSocket }) => {
    const from = devSocket.frames.length;
    devSocket.send({ type: 'user_message', payload: { content: 'every envelope please' } });
    await envelopesRun(devSocket, from);
    await devSocket.expectSilence(SILENCE_MS);
    const run = devSocket.frames.slice(from);
    const started = run[1]!;
    const ids = { run_id: started['run_id'], thread_id: started['thread_id'] };
    expect(run.map(shape)).toEqual([
      'ack/flat',
      'agent_started/payload',
      'agent_thinking/data',
      'agent_status_update/payload',
      'heartbeat/flat',
      'agent_progress/agent_started/data',
      'system_message/tool_executing/data',
      'tool_completed/data',
      'agent_completed/payload',
      'agent_thinking/payload',
      'tool_executing/payload',
      'agent_event/tool_completed/payload',
      'agent_completed/payload',
      'agent_completed/payload',
      'heartbeat/flat',
      'agent_status_update/payload',
    ]);
    expect(run[0]).toMatchObject({ received_type: 'user_message', status: 'acknowledged' });
    expect(started).toMatchObject({ agent_name: 'supervisor', user_id: 'dev-user-001', payload: { status: 'started' } });
    expect(run[2]).toMatchObject({ critical: true, data: { ...ids, agent_name: 'supervisor', status: 'thinking', reasoning: expect.any(String) } });
    expect(run[3]).toMatchObject({ ...ids, payload: { status: 'working' } });
    expect(run[5]!['data']).toMatchObject({ ...ids, agent_name: 'research_agent', status: 'started' });
    expect(run[6]!['data']).toMatchObject({ ...ids, agent_name: 'research_agent', tool_name: 'web_lookup', status: 'executing' });
    expect(run[7]).toMatchObject({ critical: true, data: { ...ids, agent_name: 'research_agent', tool_name: 'web_lookup', status: 'completed' } });
    const subSummary = record(record(run[8]!['payload'])['result'])['response'];
    expect(run[8]).toMatchObject({ ...ids, agent_name: 'research_agent' });
    expect(run[11]).toMatchObject({ ...ids, agent_name: 'supervisor', payload: { type: 'tool_completed', tool_name: 'knowledge_search' } });
    const [completed, closing] = [run[12]!, run[13]!];
    expect(completed).toMatchObject({ ...ids, agent_name: 'supervisor' });
    expect(closing['run_id']).toBeUndefined();
    const answer = await savedAssistantText(platform.urls.backend, devTokens.access_token, String(ids.thread_id));
    expect(answer).toContain('every envelope please');
    expect(subSummary).toEqual(expect.any(String));
    expect(subSummary).not.toBe(answer);
    // The first run of a platform puts its answer in the first field, in both completions.
    expect(fieldOf(record(completed['payload']), ANSWER_FIELDS[0])).toBe(answer);
    expect(fieldOf(record(closing['payload']), ANSWER_FIELDS[0])).toBe(answer);
  });

  test('the answer field rotates over the six of contract 4.1, the other five absent', async ({ devSocket }) => {
    const seen: string[] = [];
    for (let n = 0; n < ANSWER_FIELDS.length + 1; n++) {
      const from = devSocket.frames.length;
      devSocket.send({ type: n % 2 ? 'start_agent' : 'user_message', payload: { content: `run ${n}`, user_request: `run ${n}` } });
      const run = await envelopesRun(devSocket, from);
      expect(run[0]).toMatchObject({ type: 'ack', received_type: n % 2 ? 'start_agent' : 'user_message' });
      const completions = run.filter((f) => f['type'] === 'agent_completed' && f['agent_name'] !== 'research_agent');
      expect(completions).toHaveLength(2);
      for (const completion of completions) {
        const payload = record(completion['payload']);
        const present = ANSWER_FIELDS.filter((field) => typeof fieldOf(payload, field) === 'string');
        expect(present).toHaveLength(1);
        expect(fieldOf(payload, present[0]!)).toContain(`run ${n}`);
        seen.push(present[0]!);
      }
    }
    const expected = [...ANSWER_FIELDS, ANSWER_FIELDS[0]].flatMap((field) => [field, field]);
    expect(seen).toEqual(expected);
  });
});

test.describe('error-shapes', () => {
  withVariants('error-shapes');

  test('invalid JSON is answered INVALID_JSON and the same socket then runs the agent', async ({ devSocket }) => {
    devSocket.send('{"type": "user_message", "payload": ');
    const error = await devSocket.waitFor((f) => f['type'] === 'error', 2000, 'error frame');
    expect(error).toEqual({ type: 'error', message: 'Invalid JSON message', error_code: 'INVALID_JSON' });
    devSocket.send({ type: 'user_message', payload: { content: 'still here?' } });
    await devSocket.waitFor(isBareCompletion, RUN_MS, 'bare completion');
    expect(devSocket.isClosed).toBe(false);
  });

  test('Access denied comes under payload, other client errors flat without a code', async ({ platform }) => {
    const alice = await e2eLogin(platform.urls.auth, 'alice@example.com');
    const bob = await e2eLogin(platform.urls.auth, 'bob@example.com');
    const created = await call(`${platform.urls.backend}/api/threads`, { method: 'POST', headers: bearer(alice.access_token), json: { title: 'mine' } });
    const bobSocket = await WireSocket.welcomed(platform.urls.ws, { token: bob.access_token });
    bobSocket.send({ type: 'user_message', payload: { content: 'let me in', thread_id: created.body['id'] } });
    expect(await bobSocket.waitFor((f) => f['type'] === 'error', 2000, 'access error')).toEqual({
      type: 'error',
      payload: { error_message: 'Access denied to thread' },
    });
    const from = bobSocket.frames.length;
    bobSocket.send({ type: 'user_message', payload: { content: '   ' } });
    const empty = await bobSocket.waitFor((f) => f['type'] === 'error', 2000, 'empty-message error', from);
    expect(empty).toEqual({ type: 'error', message: 'Message content cannot be empty' });
    bobSocket.close();
  });

  test('a refused token gets AUTH_FAILED in the payload shape, then close 1008', async ({ platform, devTokens }) => {
    const [header, , signature] = devTokens.access_token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: 'intruder', token_type: 'access' })).toString('base64url')}.${signature}`;
    const probe = await WireSocket.open(platform.urls.ws, { token: tampered });
    expect((await probe.closedWithin(2000)).code).toBe(1008);
    expect(probe.frames).toEqual([
      { type: 'error', payload: expect.objectContaining({ error_message: 'WebSocket authentication failed', error_code: 'AUTH_FAILED' }) },
    ]);
  });
});

test.describe('silent-malformed', () => {
  withVariants('silent-malformed');

  test('invalid JSON gets no answer at all; the same socket still runs the agent', async ({ devSocket }) => {
    devSocket.send('not json at all');
    await devSocket.expectSilence(SILENCE_MS);
    devSocket.send({ type: 'user_message', payload: { content: 'and now?' } });
    await devSocket.waitFor(isBareCompletion, RUN_MS, 'bare completion');
    expect(devSocket.frames.map((f) => f['type'])).not.toContain('error');
    expect(devSocket.frames.map((f) => f['type'])).not.toContain('error_message');
  });
});

test.describe('legacy-welcome', () => {
  withVariants('legacy-welcome');

  test('the first frame is connection_ready with the E1 body, and the run follows as usual', async ({ platform, devTokens }) => {
    const probe = await WireSocket.open(platform.urls.ws, { token: devTokens.access_token });
    const welcome = await probe.waitFor(() => true, 2000, 'first frame');
    expect(welcome).toMatchObject({
      type: 'connection_ready',
      data: { mode: 'main', user_id: 'dev-user…', connection_id: expect.stringMatching(/^main_[0-9a-f]+$/), golden_path_events: expect.any(Array) },
      timestamp: expect.any(Number),
    });
    expect(probe.frames.some((f) => f['type'] === 'connection_established')).toBe(false);
    probe.send({ type: 'user_message', payload: { content: 'legacy hello' } });
    await probe.waitFor(isBareCompletion, RUN_MS, 'bare completion');
    probe.close();
  });
});

test.describe('ahead-of-contract', () => {
  withVariants('ahead-of-contract');

  test('the answer streams as three agent_response_chunk events before agent_completed; every agent_thinking has a confidence', async ({ devSocket }) => {
    const from = devSocket.frames.length;
    devSocket.send({ type: 'user_message', payload: { content: 'stream it to me' } });
    await devSocket.waitFor(isBareCompletion, RUN_MS, 'bare completion', from);
    const run = devSocket.frames.slice(from);
    const types = run.map((f) => f['type']);
    expect(types).toEqual([
      'agent_started', 'agent_thinking', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_thinking',
      'agent_response_chunk', 'agent_response_chunk', 'agent_response_chunk', 'agent_completed', 'agent_completed',
    ]);
    const chunks = run.filter((f) => f['type'] === 'agent_response_chunk');
    const completed = run.find((f) => f['type'] === 'agent_completed')!;
    // The chunks are the answer, in order, with the run's own ids (canonical envelope).
    expect(chunks.map((c) => record(c['payload'])['chunk']).join('')).toBe(record(record(completed['payload'])['result'])['response']);
    for (const c of chunks) expect(c).toMatchObject({ run_id: completed['run_id'], thread_id: completed['thread_id'] });
    for (const t of run.filter((f) => f['type'] === 'agent_thinking')) expect(record(t['payload'])['confidence']).toEqual(expect.any(Number));
  });
});

test.describe('user-broadcast', () => {
  withVariants('user-broadcast,envelopes');

  test("every socket of the user sees every frame of both sibling runs; another user's sees none", async ({ platform }) => {
    const qa = await e2eLogin(platform.urls.auth, 'qa@example.com');
    const other = await e2eLogin(platform.urls.auth, 'other@example.com');
    const tabs = await Promise.all([1, 2, 3].map(() => WireSocket.welcomed(platform.urls.ws, { token: qa.access_token })));
    const stranger = await WireSocket.welcomed(platform.urls.ws, { token: other.access_token });
    tabs[0]!.send({ type: 'user_message', payload: { content: 'run from tab one' } });
    tabs[1]!.send({ type: 'user_message', payload: { content: 'run from tab two' } });
    // Each run sends two unknown `agent_status_update` events, the last one after its bare completion.
    for (const tab of tabs) {
      await expect.poll(() => tab.frames.filter((f) => f['type'] === 'agent_status_update').length, { timeout: RUN_MS }).toBe(4);
    }
    await tabs[2]!.expectSilence(SILENCE_MS);
    const byRun = (probe: WireSocket) => probe.frames.filter((f) => f['run_id']).map((f) => `${String(f['type'])}:${String(f['run_id'])}`).sort();
    expect(new Set(byRun(tabs[0]!).map((e) => e.split(':')[1])).size).toBe(2);
    expect(byRun(tabs[1]!)).toEqual(byRun(tabs[0]!));
    expect(byRun(tabs[2]!)).toEqual(byRun(tabs[0]!));
    // The acknowledgements of both messages reach every tab too.
    for (const tab of tabs) expect(tab.frames.filter((f) => f['type'] === 'ack')).toHaveLength(2);
    expect(stranger.frames.map((f) => f['type'])).toEqual(['connection_established']);
    for (const probe of [...tabs, stranger]) probe.close();
  });
});
