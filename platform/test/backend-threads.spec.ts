import { bearer, call, devLogin, e2eLogin } from './wire/platform-client';
import { expect, test } from './wire/platform-fixture';
import { isBareCompletion, WireSocket } from './wire/wire-socket';

/** The threads API of contract section 5: Bearer auth, owner checks, saved conversations. */

interface ThreadView {
  id: string;
  object: string;
  title: string;
  created_at: number;
  updated_at: number;
  metadata: Record<string, unknown>;
  message_count: number;
}

test('threads need a Bearer access token', async ({ platform }) => {
  const tokens = await devLogin(platform.urls.auth);
  expect((await call(`${platform.urls.backend}/api/threads`)).status).toBe(401);
  expect((await call(`${platform.urls.backend}/api/threads`, { headers: bearer('garbage') })).status).toBe(401);
  expect((await call(`${platform.urls.backend}/api/threads`, { headers: bearer(tokens.refresh_token) })).status).toBe(401);
});

test('create, list, read and rename a thread', async ({ platform }) => {
  const { access_token } = await devLogin(platform.urls.auth);
  const api = `${platform.urls.backend}/api/threads`;
  const created = await call(api, { method: 'POST', headers: bearer(access_token), json: { title: 'Cost review' } });
  expect(created.status).toBe(200);
  const thread = created.body as unknown as ThreadView;
  expect(thread.id).toMatch(/^thread_\d+_[0-9a-f]+$/);
  expect(thread).toMatchObject({ object: 'thread', title: 'Cost review', metadata: {}, message_count: 0 });
  expect(typeof thread.created_at).toBe('number');

  const list = await call(`${api}?limit=20&offset=0`, { headers: bearer(access_token) });
  expect(list.status).toBe(200);
  expect(list.body as unknown as ThreadView[]).toEqual([thread]);

  expect((await call(`${api}/${thread.id}`, { headers: bearer(access_token) })).body).toEqual(thread);
  const renamed = await call(`${api}/${thread.id}`, { method: 'PUT', headers: bearer(access_token), json: { title: 'Renamed' } });
  expect(renamed.status).toBe(200);
  expect(renamed.body).toMatchObject({ id: thread.id, title: 'Renamed' });

  const messages = await call(`${api}/${thread.id}/messages`, { headers: bearer(access_token) });
  expect(messages.status).toBe(200);
  expect(messages.body).toMatchObject({ thread_id: thread.id, messages: [], total: 0 });

  const untitled = await call(api, { method: 'POST', headers: bearer(access_token), json: {} });
  expect(untitled.status).toBe(200);
  expect((untitled.body as unknown as ThreadView).title).toBe('New Conversation');
  const paged = await call(`${api}?limit=1&offset=1`, { headers: bearer(access_token) });
  expect(paged.body as unknown as ThreadView[]).toHaveLength(1);
});

test("another user's thread is 404 everywhere and absent from their list", async ({ platform }) => {
  const alice = await e2eLogin(platform.urls.auth, 'alice@example.com');
  const bob = await e2eLogin(platform.urls.auth, 'bob@example.com');
  const api = `${platform.urls.backend}/api/threads`;
  const created = await call(api, { method: 'POST', headers: bearer(alice.access_token), json: { title: 'Private' } });
  const id = (created.body as unknown as ThreadView).id;

  for (const [method, path] of [['GET', id], ['PUT', id], ['GET', `${id}/messages`]] as const) {
    const answer = await call(`${api}/${path}`, { method, headers: bearer(bob.access_token), ...(method === 'PUT' ? { json: { title: 'mine now' } } : {}) });
    expect(answer.status, `${method} ${path}`).toBe(404);
    expect(answer.body).toEqual({ detail: 'Thread not found' });
  }
  expect((await call(api, { headers: bearer(bob.access_token) })).body).toEqual([]);
  expect(((await call(`${api}/${id}`, { headers: bearer(alice.access_token) })).body as unknown as ThreadView).title).toBe('Private');
});

test('bad bodies and parameters answer 400/422 and the API keeps serving', async ({ platform }) => {
  const { access_token } = await devLogin(platform.urls.auth);
  const api = `${platform.urls.backend}/api/threads`;
  const headers = { ...bearer(access_token), 'Content-Type': 'application/json' };
  expect((await call(api, { method: 'POST', headers, body: '{"title":' })).status).toBe(400);
  expect((await call(api, { method: 'POST', headers: bearer(access_token), json: { title: 7 } })).status).toBe(422);
  expect((await call(`${api}?limit=abc`, { headers: bearer(access_token) })).status).toBe(422);
  expect((await call(`${api}?limit=0`, { headers: bearer(access_token) })).status).toBe(422);
  const created = await call(api, { method: 'POST', headers: bearer(access_token), json: { title: 'x' } });
  const id = (created.body as unknown as ThreadView).id;
  expect((await call(`${api}/${id}`, { method: 'PUT', headers: bearer(access_token), json: {} })).status).toBe(422);
  expect((await call(`${api}/thread_1_ab`, { headers: bearer(access_token) })).status).toBe(404);
  expect((await call(`${platform.urls.backend}/health`)).status).toBe(200);
});

test('a run is saved into its thread: the user message and the answer', async ({ platform }) => {
  const { access_token } = await devLogin(platform.urls.auth);
  const api = `${platform.urls.backend}/api/threads`;
  const thread = (await call(api, { method: 'POST', headers: bearer(access_token), json: { title: 'Saved' } })).body as unknown as ThreadView;
  const probe = await WireSocket.open(platform.urls.ws, { token: access_token });
  probe.send({ type: 'start_agent', payload: { user_request: 'Which region is cheapest?', thread_id: thread.id, context: {}, settings: {} } });
  const done = await probe.waitFor((f) => f['type'] === 'agent_completed' && f['run_id'] !== undefined, 5000, 'agent_completed');
  await probe.waitFor(isBareCompletion, 5000, 'bare agent_completed');
  probe.close();
  const answer = ((done['payload'] as Record<string, unknown>)['result'] as Record<string, string>)['response'];

  const messages = await call(`${api}/${thread.id}/messages`, { headers: bearer(access_token) });
  expect(messages.status).toBe(200);
  const saved = messages.body['messages'] as Record<string, unknown>[];
  expect(saved.map((m) => [m['role'], m['content']])).toEqual([
    ['user', 'Which region is cheapest?'],
    ['assistant', answer],
  ]);
  for (const message of saved) {
    expect(message['id']).toEqual(expect.any(String));
    expect(message['created_at']).toEqual(expect.any(Number));
    expect(message['metadata']).toMatchObject({ run_id: done['run_id'] });
  }
  const after = (await call(`${api}/${thread.id}`, { headers: bearer(access_token) })).body as unknown as ThreadView;
  expect(after.message_count).toBe(2);
});
