import { bearer, call, e2eLogin } from './wire/platform-client';
import { expect, test } from './wire/platform-fixture';
import { isAgentEvent, isBareCompletion, WireSocket } from './wire/wire-socket';

/** Per-user routing and thread ownership on the socket (contract section 4.2). */

test('two tabs of one user both see the run', async ({ platform, devTokens, devSocket: tabA }) => {
  const tabB = await WireSocket.welcomed(platform.urls.ws, { token: devTokens.access_token });
  tabA.send({ type: 'user_message', payload: { content: 'seen in both tabs' } });
  await tabA.waitFor(isBareCompletion, 5000, 'bare completion on tab A');
  await tabB.waitFor(isBareCompletion, 5000, 'bare completion on tab B');
  const typesA = tabA.frames.filter(isAgentEvent).map((f) => `${String(f['type'])}:${String(f['run_id'])}`);
  const typesB = tabB.frames.filter(isAgentEvent).map((f) => `${String(f['type'])}:${String(f['run_id'])}`);
  expect(typesB).toEqual(typesA);
  tabB.close();
});

test('two users running at once each receive only their own events', async ({ platform }) => {
  const users = await Promise.all(['ann@example.com', 'ben@example.com', 'cyd@example.com'].map((email) => e2eLogin(platform.urls.auth, email)));
  const probes = await Promise.all(users.map((u) => WireSocket.welcomed(platform.urls.ws, { token: u.access_token })));
  probes.forEach((probe, i) => probe.send({ type: 'user_message', payload: { content: `question from user ${i}` } }));
  await Promise.all(probes.map((probe) => probe.waitFor(isBareCompletion, 5000, 'bare completion')));

  probes.forEach((probe, i) => {
    const events = probe.frames.filter((f) => isAgentEvent(f) && f['run_id'] !== undefined);
    expect(events.length).toBeGreaterThanOrEqual(7);
    const threadIds = new Set(events.map((e) => e['thread_id']));
    const runIds = new Set(events.map((e) => e['run_id']));
    expect(new Set(events.map((e) => e['user_id']))).toEqual(new Set([users[i]!.user.id]));
    expect(threadIds.size).toBe(1);
    expect(runIds.size).toBe(1);
  });
  for (const probe of probes) probe.close();
});

test("another user's thread_id is refused with Access denied to thread", async ({ platform }) => {
  const alice = await e2eLogin(platform.urls.auth, 'alice@example.com');
  const bob = await e2eLogin(platform.urls.auth, 'bob@example.com');
  const created = await call(`${platform.urls.backend}/api/threads`, { method: 'POST', headers: bearer(alice.access_token), json: { title: 'Alice only' } });
  const threadId = created.body['id'] as string;

  const bobSocket = await WireSocket.welcomed(platform.urls.ws, { token: bob.access_token });
  bobSocket.send({ type: 'user_message', payload: { content: 'let me in', thread_id: threadId } });
  const refusal = await bobSocket.waitFor((f) => f['type'] === 'error', 2000, 'error frame');
  expect(refusal).toMatchObject({ type: 'error', message: 'Access denied to thread' });
  const from = bobSocket.frames.length;
  bobSocket.send({ type: 'ping' });
  await bobSocket.waitFor((f) => f['type'] === 'pong', 2000, 'pong', from);
  expect(bobSocket.frames.some(isAgentEvent)).toBe(false);

  const messages = await call(`${platform.urls.backend}/api/threads/${threadId}/messages`, { headers: bearer(alice.access_token) });
  expect(messages.body['messages']).toEqual([]);
  bobSocket.close();
});

test('a well-formed unknown thread_id is created for the user on the fly', async ({ platform, devTokens, devSocket: probe }) => {
  const threadId = 'thread_1726000000000_0a1b2c3d';
  probe.send({ type: 'user_message', payload: { content: 'new thread please', thread_id: threadId } });
  const started = await probe.waitFor((f) => f['type'] === 'agent_started', 2000, 'agent_started');
  expect(started['thread_id']).toBe(threadId);
  await probe.waitFor(isBareCompletion, 5000, 'bare completion');
  const thread = await call(`${platform.urls.backend}/api/threads/${threadId}`, { headers: bearer(devTokens.access_token) });
  expect(thread.status).toBe(200);
  expect(thread.body).toMatchObject({ id: threadId, object: 'thread', title: 'new thread please', message_count: 2 });
});
