import { bearer, call, e2eLogin } from './wire/platform-client';
import { expect, FAST_STEP_MS, test, withFaults } from './wire/platform-fixture';
import { isAgentEvent, isBareCompletion, REFERENCE_RUN, WireSocket } from './wire/wire-socket';

/**
 * The faults of routing as a client sees them on the wire: events naming a thread that is not
 * the user's (contract section 4.1), and the REST endpoint a diverting page calls instead of
 * its socket (contract section 4).
 */

test.describe('foreign-thread-events', () => {
  withFaults('foreign-thread-events');

  test("the run's events name a thread the user does not own; the answer is still saved to the user's", async ({ platform, devTokens, devSocket }) => {
    const backend = platform.urls.backend;
    const own = await call(`${backend}/api/threads`, { method: 'POST', headers: bearer(devTokens.access_token), json: { title: 'mine' } });
    const threadId = own.body['id'] as string;
    devSocket.send({ type: 'user_message', payload: { content: 'whose thread is this?', thread_id: threadId } });
    await devSocket.waitFor(isBareCompletion, 3000, 'bare completion');

    const events = devSocket.frames.filter(isAgentEvent);
    expect(events.map((f) => f['type'])).toEqual(REFERENCE_RUN);
    const named = new Set(events.filter((f) => f['thread_id'] !== undefined).map((f) => f['thread_id']));
    expect(named.size).toBe(1);
    const foreign = [...named][0] as string;
    expect(foreign).not.toBe(threadId);
    expect(foreign).toMatch(/^[0-9a-f-]{36}$/);
    // Nothing the user knows: not in the list, not readable.
    const listed = await call(`${backend}/api/threads?limit=20&offset=0`, { headers: bearer(devTokens.access_token) });
    expect((listed.body as unknown as Record<string, unknown>[]).map((t) => t['id'])).toEqual([threadId]);
    expect((await call(`${backend}/api/threads/${foreign}`, { headers: bearer(devTokens.access_token) })).status).toBe(404);
    // Everything else is normal: ids of the run and the user, the conversation saved.
    expect(new Set(events.filter((f) => f['run_id']).map((f) => f['user_id']))).toEqual(new Set(['dev-user-001']));
    const messages = await call(`${backend}/api/threads/${threadId}/messages`, { headers: bearer(devTokens.access_token) });
    expect((messages.body['messages'] as Record<string, unknown>[]).map((m) => m['role'])).toEqual(['user', 'assistant']);
  });

  test('each run names another fresh thread, and no other user receives it', async ({ platform, devSocket }) => {
    const bob = await e2eLogin(platform.urls.auth, 'bob@example.com');
    const bobSocket = await WireSocket.welcomed(platform.urls.ws, { token: bob.access_token });
    const threads: unknown[] = [];
    for (const content of ['first', 'second']) {
      const from = devSocket.frames.length;
      devSocket.send({ type: 'user_message', payload: { content } });
      threads.push((await devSocket.waitFor((f) => f['type'] === 'agent_started', 2000, 'agent_started', from))['thread_id']);
      await devSocket.waitFor(isBareCompletion, 3000, 'bare completion', from);
    }
    expect(new Set(threads).size).toBe(2);
    await bobSocket.expectSilence(5 * FAST_STEP_MS);
    expect(bobSocket.frames.map((f) => f['type'])).toEqual(['connection_established']);
    bobSocket.close();
  });
});

test.describe('POST /api/agent/v2/execute', () => {
  test("answers the page's body 422 with FastAPI's detail list, and 401 without a token", async ({ platform, devTokens }) => {
    const url = `${platform.urls.backend}/api/agent/v2/execute`;
    const body = { message: 'divert me', thread_id: 'thread_1732300000_ab12cd34' };
    const diverted = await call(url, { method: 'POST', headers: bearer(devTokens.access_token), json: body });
    expect(diverted.status).toBe(422);
    expect(diverted.body['detail']).toEqual([
      { type: 'missing', loc: ['body', 'agent_type'], msg: 'Field required' },
      { type: 'missing', loc: ['body', 'request'], msg: 'Field required' },
    ]);
    expect((await call(url, { method: 'POST', json: body })).status).toBe(401);
    expect((await call(url, { headers: bearer(devTokens.access_token) })).status).toBe(405);
  });
});
