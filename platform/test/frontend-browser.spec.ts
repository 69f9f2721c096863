import type { Page } from '@playwright/test';
import type { RunningPlatform } from '../start';
import { bearer, call, e2eLogin } from './wire/platform-client';
import { test as base, expect, withFaults } from './wire/platform-fixture';

/**
 * The reference frontend in a real browser against the whole reference platform (contract
 * section 5): sign-in in all its ways, the chat flow with the page's own socket, history after a
 * reload, and how the three frontend faults look from the browser.
 */

interface Tokens {
  token: string;
  refresh: string;
}

const test = base.extend<{ tokens: Tokens }>({
  /** The dev user's tokens, as a browser test on staging would inject tokens from the auth service. */
  tokens: async ({ devTokens }, use) => {
    await use({ token: devTokens.access_token, refresh: devTokens.refresh_token });
  },
});

const STRUCTURED_THREAD_ID = /^thread_\d+_[0-9a-f]+$/;

async function seedSession(page: Page, tokens: Tokens): Promise<void> {
  await page.addInitScript(({ token, refresh }) => {
    localStorage.setItem('jwt_token', token);
    localStorage.setItem('refresh_token', refresh);
  }, tokens);
}

/** The contract's readiness: `main-chat` visible and `message-textarea` enabled (section 5). */
async function expectReady(page: Page): Promise<void> {
  await expect(page.getByTestId('main-chat')).toBeVisible();
  await expect(page.getByTestId('message-textarea')).toBeEnabled();
}

/** Signed in by a seeded localStorage, on the chat page (or `path`), and ready. */
async function openChat(page: Page, platform: RunningPlatform, tokens: Tokens, path = '/chat'): Promise<void> {
  await seedSession(page, tokens);
  await page.goto(`${platform.urls.frontend}${path}`);
  await expectReady(page);
}

/** Types the message and sends it with Enter, as a user would. */
async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByTestId('message-textarea').fill(text);
  await page.getByTestId('message-textarea').press('Enter');
}

async function storedTokens(page: Page): Promise<{ token: string | null; refresh: string | null }> {
  return page.evaluate(() => ({ token: localStorage.getItem('jwt_token'), refresh: localStorage.getItem('refresh_token') }));
}

/** What the page sent on its socket, parsed. */
function recordSentFrames(page: Page): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(JSON.parse(String(f.payload)))));
  return sent;
}

test.describe('signing in', () => {
  test('Quick Dev Login is offered in development mode and signs in', async ({ page, platform }) => {
    await page.goto(`${platform.urls.frontend}/`);
    await expect(page).toHaveURL(`${platform.urls.frontend}/login`);
    await page.getByRole('button', { name: 'Quick Dev Login' }).click();
    await expect(page).toHaveURL(`${platform.urls.frontend}/chat`);
    await expectReady(page);
    const stored = await storedTokens(page);
    expect(stored.token?.split('.')).toHaveLength(3);
    expect(stored.refresh).toBeTruthy();
    await expect(page.getByText('dev@example.com')).toBeVisible();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    await expect(page.getByTestId('connection-status')).toHaveText('connected');
  });

  test('a wrong password shows the auth service\'s message; the right one signs in', async ({ page, platform }) => {
    await page.goto(`${platform.urls.frontend}/login`);
    await page.getByLabel('Email').fill('qa@netra.local');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Invalid credentials');
    await expect(page).toHaveURL(`${platform.urls.frontend}/login`);
    expect((await storedTokens(page)).token).toBeNull();

    await page.getByLabel('Password').fill('golden-path-local');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${platform.urls.frontend}/chat`);
    await expectReady(page);
    await expect(page.getByText('qa@netra.local')).toBeVisible();
  });

  test('injection 1: localStorage seeded before the first script', async ({ page, platform, tokens }) => {
    await openChat(page, platform, tokens);
    await expect(page).toHaveURL(`${platform.urls.frontend}/chat`);
  });

  test('injection 2: /auth/callback stores the tokens, strips them and opens the chat', async ({ page, platform, tokens }) => {
    const seen: string[] = [];
    page.on('framenavigated', (f) => seen.push(f.url()));
    await page.goto(`${platform.urls.frontend}/auth/callback?token=${tokens.token}&refresh=${tokens.refresh}`);
    await expect(page).toHaveURL(`${platform.urls.frontend}/chat`);
    await expectReady(page);
    expect(await storedTokens(page)).toEqual(tokens);
    // Only the very first navigation carried the token; what the user ends on never does.
    expect(seen.slice(1).some((u) => u.includes(tokens.token))).toBe(false);
  });

  test('injection 3: /chat?token&refresh stores, strips and signs in without a reload', async ({ page, platform, tokens }) => {
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${platform.urls.frontend}/chat?token=${tokens.token}&refresh=${tokens.refresh}`);
    await expectReady(page);
    await expect(page).toHaveURL(`${platform.urls.frontend}/chat`);
    expect(await storedTokens(page)).toEqual(tokens);
    expect(loads).toBe(1);
  });

  test('a token that is not a JWT is dropped and the visitor sent to /login', async ({ page, platform }) => {
    await seedSession(page, { token: 'not-a-jwt', refresh: 'x' });
    await page.goto(`${platform.urls.frontend}/chat`);
    await expect(page).toHaveURL(`${platform.urls.frontend}/login`);
  });

  test('signing out clears the session', async ({ page, platform, tokens }) => {
    await page.goto(`${platform.urls.frontend}/chat?token=${tokens.token}&refresh=${tokens.refresh}`);
    await expectReady(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${platform.urls.frontend}/login`);
    expect(await storedTokens(page)).toEqual({ token: null, refresh: null });
  });
});

test.describe('chat', () => {
  // Long enough between agent events that a run is visibly in flight.
  test.use({ platformOptions: { agentStepMs: 120 } });

  test('the page offers both subprotocols and the server picks the jwt one', async ({ page, platform, tokens }) => {
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    // Playwright's WebSocket object does not expose the handshake; Chromium's protocol does.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const offered = new Promise<string>((resolve) =>
      cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => resolve(String(e.request.headers['Sec-WebSocket-Protocol']))),
    );
    const picked = new Promise<string>((resolve) =>
      cdp.on('Network.webSocketHandshakeResponseReceived', (e) => resolve(String(e.response.headers['Sec-WebSocket-Protocol']))),
    );
    await seedSession(page, tokens);
    await page.goto(`${platform.urls.frontend}/chat`);
    const b64 = Buffer.from(tokens.token).toString('base64url');
    expect(await offered).toBe(`jwt-auth, jwt.${b64}`);
    expect(await picked).toBe(`jwt.${b64}`);
    expect(b64).not.toContain('=');
    expect(sockets).toEqual([platform.urls.ws]);
  });

  test('a message gets the agent\'s answer in the conversation, live', async ({ page, platform, tokens }) => {
    const sent = recordSentFrames(page);
    await openChat(page, platform, tokens);

    const question = 'How can I lower my monthly inference spend?';
    await sendMessage(page, question);

    await test.step('the run is shown in flight', async () => {
      await expect(page.getByTestId('agent-processing')).toBeVisible();
      await expect(page.getByTestId('main-content').getByRole('article').first()).toHaveText(/You\s*How can I lower/);
      // Each thinking phase lasts one agent step: poll every frame, not every 100 ms.
      await page.waitForFunction(() => !(document.querySelector('[data-testid="thinking-indicator"]') as HTMLElement).hidden, undefined, {
        polling: 'raf',
        timeout: 5000,
      });
      await expect(page.getByTestId('response-card')).toContainText('agent started');
    });

    await test.step('the page moves to the new thread without a reload', async () => {
      await expect(page).toHaveURL(new RegExp(`/chat/thread_\\d+_[0-9a-f]+$`));
    });

    const threadId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    expect(threadId).toMatch(STRUCTURED_THREAD_ID);

    await test.step('the answer is shown once, in main-content and the response card', async () => {
      const answer = page.getByTestId('main-content').getByText(`Here is the answer to your message "${question}"`);
      await expect(answer).toBeVisible();
      await expect(answer).toHaveCount(1);
      await expect(page.getByTestId('response-card')).toContainText(`Here is the answer to your message "${question}"`);
      await expect(page.getByTestId('response-card')).toHaveAttribute('data-state', 'completed');
      await expect(page.getByTestId('agent-processing')).toBeHidden();
      await expect(page.getByTestId('thinking-indicator')).toBeHidden();
      // the progress lines stay in the card, folded
      await expect(page.getByTestId('response-card').locator('ol li')).toHaveText([
        'agent started',
        'thinking…',
        'thinking…',
        'running tool knowledge_search',
        'tool knowledge_search done',
        'thinking…',
      ]);
    });

    expect(sent.filter((f) => f['type'] !== 'heartbeat_ack')).toEqual([
      { type: 'start_agent', payload: { user_request: question, thread_id: threadId, context: {}, settings: {} } },
    ]);

    await test.step('a second message in the thread is a user_message', async () => {
      await page.getByTestId('message-textarea').fill('And for batch jobs?');
      await page.getByTestId('send-button').click();
      await expect(page.getByTestId('main-content').getByText('Here is the answer to your message "And for batch jobs?"')).toBeVisible();
      expect(sent.at(-1)).toEqual({ type: 'user_message', payload: { content: 'And for batch jobs?', thread_id: threadId } });
      await expect(page.getByTestId('response-card')).toHaveCount(1);
      await expect(page.getByTestId('main-content').locator('article[data-role="user"]')).toHaveCount(2);
      await expect(page.getByTestId('main-content').locator('article[data-role="assistant"]')).toHaveCount(2);
    });

    await test.step('the thread is listed and the page looks right', async () => {
      await expect(page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: question })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await test.info().attach('chat page', { body: await page.screenshot(), contentType: 'image/png' });
    });
  });

  test('Shift+Enter is a new line, not a send', async ({ page, platform, tokens }) => {
    const sent = recordSentFrames(page);
    await openChat(page, platform, tokens);
    const box = page.getByTestId('message-textarea');
    await box.fill('first line');
    await box.press('Shift+Enter');
    await box.pressSequentially('second line');
    await expect(box).toHaveValue('first line\nsecond line');
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    expect(sent.filter((f) => f['type'] !== 'heartbeat_ack')).toEqual([]);
  });

  test('after a reload the thread\'s history is loaded from the backend', async ({ page, platform, tokens }) => {
    await openChat(page, platform, tokens);
    await page.getByTestId('message-textarea').fill('Summarise last week');
    await page.getByTestId('send-button').click();
    const answer = 'Here is the answer to your message "Summarise last week"';
    await expect(page.getByTestId('main-content')).toContainText(answer);
    const threadUrl = page.url();

    await page.reload();
    await expectReady(page);
    await expect(page).toHaveURL(threadUrl);
    const messages = page.getByTestId('main-content').getByRole('article');
    await expect(messages).toHaveCount(2);
    await expect(messages.nth(0)).toHaveAttribute('data-role', 'user');
    await expect(messages.nth(0)).toContainText('Summarise last week');
    await expect(messages.nth(1)).toHaveAttribute('data-role', 'assistant');
    await expect(messages.nth(1)).toContainText(answer);
    await expect(page.getByTestId('response-card')).toHaveCount(0);
  });

  test('another user\'s thread is not shown', async ({ page, platform, tokens }) => {
    const other = await e2eLogin(platform.urls.auth, 'someone-else@netra.local');
    const created = await call(`${platform.urls.backend}/api/threads`, { method: 'POST', headers: bearer(other.access_token), json: { title: 'Private' } });
    expect(created.status).toBe(200);
    await openChat(page, platform, tokens, `/chat/${String(created.body['id'])}`);
    await expect(page.getByTestId('chat-error')).toContainText('This conversation could not be loaded');
    await expect(page.getByTestId('main-content').getByRole('article')).toHaveCount(0);
  });
});

test.describe('keepalive', () => {
  test.use({ platformOptions: { heartbeatMs: 300 } });

  test('the page answers the server\'s heartbeat with heartbeat_ack', async ({ page, platform, tokens }) => {
    const sent = recordSentFrames(page);
    const heartbeats: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => String(f.payload).includes('"heartbeat"') && heartbeats.push(String(f.payload))));
    await openChat(page, platform, tokens);
    await expect.poll(() => heartbeats.length, { timeout: 5000 }).toBeGreaterThan(0);
    await expect.poll(() => sent.filter((f) => f['type'] === 'heartbeat_ack').length, { timeout: 5000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('connection-status')).toHaveText('connected');
  });
});

test.describe('errors from the platform', () => {
  test.describe('agent_error', () => {
    withFaults('agent-error');

    test('is shown as an alert and ends the run', async ({ page, platform, tokens }) => {
      await openChat(page, platform, tokens);
      await sendMessage(page, 'Hello there');
      await expect(page.getByRole('alert')).toContainText('The agent failed: Agent execution failed: LLM provider request timed out');
      await expect(page.getByTestId('response-card')).toHaveAttribute('data-state', 'error');
      await expect(page.getByTestId('agent-processing')).toBeHidden();
    });
  });

  test.describe('socket refused', () => {
    withFaults('ws-auth-reject');

    test('the page says the session was refused and shows disconnected', async ({ page, platform, tokens }) => {
      await openChat(page, platform, tokens);
      await expect(page.getByRole('alert')).toContainText('The server refused the session (1008');
      await expect(page.getByTestId('connection-status')).toHaveText('disconnected');
    });
  });
});

test.describe('socket unreachable', () => {
  withFaults('ws-404');

  test('the page says it cannot connect and keeps the message queued', async ({ page, platform, tokens }) => {
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await openChat(page, platform, tokens);
    await expect(page.getByRole('alert')).toContainText(`Could not connect to the chat server at ${platform.urls.ws} (1006). Retrying…`);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', /disconnected|connecting/);
    await page.getByTestId('message-textarea').fill('Anyone there?');
    await page.getByTestId('send-button').click();
    await expect(page.getByTestId('agent-processing')).toBeVisible();
    await expect(page.getByTestId('response-card')).toContainText('Waiting for the agent…');
    // it keeps trying, with backoff
    await expect.poll(() => sockets.length, { timeout: 5000 }).toBeGreaterThan(1);
  });
});

test.describe('socket closed 1011 on traffic', () => {
  withFaults('ws-1011');

  test('the run ends with the server error shown', async ({ page, platform, tokens }) => {
    await openChat(page, platform, tokens);
    await expect(page.getByTestId('connection-status')).toHaveText('connected');
    await sendMessage(page, 'Hello');
    await expect(page.getByRole('alert')).toContainText('The server closed the connection with an internal error (1011 Internal error). Reconnecting…');
    await expect(page.getByTestId('response-card')).toHaveAttribute('data-state', 'error');
    await expect(page.getByTestId('agent-processing')).toBeHidden();
  });
});

test.describe('frontend faults', () => {
  test.describe('frontend-page-error', () => {
    withFaults('frontend-page-error');

    test('the chat script throws on load and the page never becomes ready', async ({ page, platform, tokens }) => {
      const errors: Error[] = [];
      page.on('pageerror', (e) => errors.push(e));
      await seedSession(page, tokens);
      await page.goto(`${platform.urls.frontend}/chat`);
      await expect.poll(() => errors.map((e) => e.message)).toEqual(["Cannot read properties of undefined (reading 'map')"]);
      expect(errors[0]?.name).toBe('TypeError');
      await expect(page.getByText('Loading…')).toBeVisible();
      await expect(page.getByTestId('main-chat')).toBeHidden();
      await expect(page.getByTestId('message-textarea')).toBeDisabled();
    });

    test('the login page still works: only the chat bundle is broken', async ({ page, platform }) => {
      const errors: Error[] = [];
      page.on('pageerror', (e) => errors.push(e));
      await page.goto(`${platform.urls.frontend}/login`);
      await expect(page.getByRole('button', { name: 'Quick Dev Login' })).toBeVisible();
      expect(errors).toEqual([]);
    });
  });

  test.describe('frontend-500', () => {
    withFaults('frontend-500');

    test('the first load is an HTTP 500 error page', async ({ page, platform }) => {
      const res = await page.goto(`${platform.urls.frontend}/`);
      expect(res?.status()).toBe(500);
      await expect(page.getByRole('heading', { name: '500: Internal Server Error' })).toBeVisible();
    });
  });

  test.describe('ui-no-response', () => {
    withFaults('ui-no-response');

    test('the run ends with "<agent> completed in N s" and the answer only after a reload', async ({ page, platform, tokens }) => {
      const received: string[] = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))));
      await openChat(page, platform, tokens);
      await sendMessage(page, 'Where did my tokens go?');
      const answer = 'Here is the answer to your message "Where did my tokens go?"';

      await expect(page.getByTestId('response-card')).toHaveText(/supervisor completed in \d+\.\d s$/);
      await expect(page.getByTestId('main-content')).toContainText(/supervisor completed in \d+\.\d s/);
      await expect(page.getByTestId('agent-processing')).toBeHidden();
      // the socket did deliver the answer: only the page fails to show it
      const answers = received.map((f) => JSON.parse(f)?.payload?.result?.response).filter(Boolean);
      expect(answers[0]).toContain(answer);
      await expect(page.getByTestId('main-content')).not.toContainText(answer);

      await page.reload();
      await expectReady(page);
      await expect(page.getByTestId('main-content')).toContainText(answer);
    });
  });
});
