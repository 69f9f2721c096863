import type { Page } from '@playwright/test';
import type { RunningPlatform } from '../start';
import type { TokenAnswer } from './wire/platform-client';
import { expect, test, withVariants } from './wire/platform-fixture';

/**
 * The page-side variants and faults in Chromium (contract section 5): a fast inline page, a
 * page that sends before the welcome, the envelopes run on the page, and the two faults of a
 * page that cannot or does not use its platform.
 */

async function openChat(page: Page, platform: RunningPlatform, tokens: TokenAnswer): Promise<void> {
  await page.addInitScript(([token, refresh]) => {
    localStorage.setItem('jwt_token', token);
    localStorage.setItem('refresh_token', refresh);
  }, [tokens.access_token, tokens.refresh_token] as const);
  await page.goto(`${platform.urls.frontend}/chat`);
  await expect(page.getByTestId('main-chat')).toBeVisible();
  await expect(page.getByTestId('message-textarea')).toBeEnabled();
}

async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByTestId('message-textarea').fill(text);
  await page.getByTestId('message-textarea').press('Enter');
}

const answerTo = (question: string): string => `Here is the answer to your message "${question}"`;

/** What crossed the page's sockets, in one list and in order: `sent:<type>`, `received:<type>`, `open`. */
function socketLog(page: Page): { log: string[]; opened: number[] } {
  const log: string[] = [];
  const opened: number[] = [];
  const typeOf = (payload: string | Buffer): string => String((JSON.parse(String(payload)) as Record<string, unknown>)['type']);
  page.on('websocket', (ws) => {
    opened.push(Date.now());
    log.push('open');
    ws.on('framesent', (f) => log.push(`sent:${typeOf(f.payload)}`));
    ws.on('framereceived', (f) => log.push(`received:${typeOf(f.payload)}`));
  });
  return { log, opened };
}

test.describe('fast-page', () => {
  withVariants('fast-page');

  test('every page is one HTML response with its style and script inline', async ({ request, platform }) => {
    for (const path of ['/', '/login', '/chat', '/auth/callback']) {
      const html = await (await request.get(`${platform.urls.frontend}${path}`)).text();
      expect(html, path).not.toMatch(/(src|href)="\/assets\//);
      expect(html, path).toContain('<style>');
      expect(html, path).toMatch(/<script type="module">const __/);
      expect(html, path).toContain('<script type="application/json" id="netra-config">');
    }
  });

  test('dev login, the chat and the answer, with one request to the frontend per page', async ({ page, platform }) => {
    const fromFrontend: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(platform.urls.frontend)) fromFrontend.push(new URL(r.url()).pathname);
    });
    await page.goto(`${platform.urls.frontend}/login`);
    await page.getByRole('button', { name: 'Quick Dev Login' }).click();
    await expect(page.getByTestId('main-chat')).toBeVisible();
    await expect(page.getByTestId('message-textarea')).toBeEnabled();
    await sendMessage(page, 'Quick question');
    await expect(page.getByTestId('main-content').getByText(answerTo('Quick question'))).toBeVisible();
    expect(fromFrontend).toEqual(['/login', '/chat']);
  });

  test('the callback and the query injections sign in too', async ({ page, platform, devTokens }) => {
    const tokens = `token=${devTokens.access_token}&refresh=${devTokens.refresh_token}`;
    for (const path of [`/auth/callback?${tokens}`, `/chat?${tokens}`]) {
      await page.evaluate(() => localStorage.clear()).catch(() => undefined);
      await page.goto(`${platform.urls.frontend}${path}`);
      await expect(page).toHaveURL(`${platform.urls.frontend}/chat`);
      await expect(page.getByTestId('message-textarea')).toBeEnabled();
    }
  });
});

test.describe('page-sends-first', () => {
  withVariants('page-sends-first');

  test('the message goes out the moment the socket opens, before the welcome; the answer shows', async ({ page, platform, devTokens }) => {
    const { log } = socketLog(page);
    const listed = page.waitForResponse((r) => r.url().includes('/api/threads?'));
    await openChat(page, platform, devTokens);
    await listed;
    expect(log).toEqual([]);
    await sendMessage(page, 'Me first');
    await expect(page.getByTestId('main-content').getByText(answerTo('Me first'))).toBeVisible();
    expect(log.slice(0, 3)).toEqual(['open', 'sent:start_agent', 'received:connection_established']);
  });
});

test.describe('page-sends-first with ws-auth-reject', () => {
  withVariants('page-sends-first', 'ws-auth-reject');
  test.slow();

  test('start_agent goes out before AUTH_FAILED and 1008, then the page reconnects about 11 s later', async ({ page, platform, devTokens }) => {
    const { log, opened } = socketLog(page);
    await openChat(page, platform, devTokens);
    await sendMessage(page, 'Let me in');
    await expect.poll(() => log.slice(0, 3), { timeout: 5000 }).toEqual(['open', 'sent:start_agent', 'received:error_message']);
    await expect(page.getByTestId('chat-error')).toContainText('1008');
    await expect.poll(() => opened.length, { timeout: 15_000 }).toBe(2);
    const gap = opened[1]! - opened[0]!;
    expect(gap).toBeGreaterThan(10_000);
    expect(gap).toBeLessThan(13_000);
  });
});

test.describe('envelopes on the page', () => {
  withVariants('envelopes');

  test("the page shows the supervisor's answer once, not the sub-agent's summary", async ({ page, platform, devTokens }) => {
    await openChat(page, platform, devTokens);
    for (const question of ['Every envelope', 'Another field', 'And a third']) {
      await sendMessage(page, question);
      const card = page.getByTestId('response-card');
      await expect(card).toHaveAttribute('data-state', 'completed');
      await expect(page.getByTestId('main-content').getByText(answerTo(question))).toHaveCount(1);
      await expect(card.locator('ol li')).toContainText(['research_agent started', 'research_agent done']);
      await expect(page.getByTestId('main-content')).not.toContainText('public sources for the request');
    }
  });
});

test.describe('page-csp-blocks-platform', () => {
  withVariants('', 'page-csp-blocks-platform');

  test("the page's policy makes the browser refuse the backend, the socket and the auth service", async ({ page, platform, devTokens }) => {
    await page.addInitScript(() => {
      const blocked: string[] = [];
      (window as unknown as { blocked: string[] }).blocked = blocked;
      document.addEventListener('securitypolicyviolation', (e) => blocked.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(`${platform.urls.frontend}/login`);
    expect(response?.headers()['content-security-policy']).toBe("connect-src 'self'");
    await expect(page.getByRole('alert')).toContainText('Could not load the sign-in options');
    await openChat(page, platform, devTokens);
    await expect.poll(() => page.evaluate(() => (window as unknown as { blocked: string[] }).blocked)).toEqual(
      expect.arrayContaining([`connect-src ${platform.urls.ws}`, `connect-src ${platform.urls.backend}/api/threads?limit=20&offset=0`]),
    );
  });
});

test.describe('page-rest-diversion', () => {
  withVariants('', 'page-rest-diversion');

  test('the message goes to POST /api/agent/v2/execute, answered 422, and never to the socket', async ({ page, platform, devTokens }) => {
    const { log } = socketLog(page);
    await openChat(page, platform, devTokens);
    const diverted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${platform.urls.backend}/api/agent/v2/execute`);
    await sendMessage(page, 'Where does this go?');
    expect((await diverted).status()).toBe(422);
    await expect(page.getByTestId('chat-error')).toContainText('/api/agent/v2/execute');
    expect(log.filter((entry) => entry.startsWith('sent:') && entry !== 'sent:heartbeat_ack')).toEqual([]);
  });
});
