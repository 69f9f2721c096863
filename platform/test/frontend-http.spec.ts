import { createServer } from 'node:http';
import { test as base, expect } from '@playwright/test';
import { parseFaults } from '../faults';
import { startFrontend } from '../frontend/server';
import { closeServer, listen } from '../http/listen';

/**
 * The frontend's routes, health and assets over plain HTTP (contract section 5), plus the
 * browser-side event reader fed with recorded frames. Auth and backend are stand-ins here that
 * answer only `/health`: nothing in this file needs a real agent run.
 */

interface Dependency {
  url: string;
  /** What `/health` answers from now on. */
  answer(status: number, body: unknown): void;
}

async function startDependency(): Promise<{ dep: Dependency; close(): Promise<void> }> {
  let reply = { status: 200, body: { status: 'healthy' } as unknown };
  const server = createServer((req, res) => {
    const text = req.url === '/health' ? JSON.stringify(reply.body) : '{"detail":"Not Found"}';
    res.writeHead(req.url === '/health' ? reply.status : 404, { 'Content-Type': 'application/json' });
    res.end(text);
  });
  const port = await listen(server, '127.0.0.1', 0);
  return {
    dep: {
      url: `http://127.0.0.1:${port}`,
      answer: (status, body) => {
        reply = { status, body };
      },
    },
    close: () => closeServer(server),
  };
}

/** A stand-in service for the duration of one test. */
async function dependency({}, use: (dep: Dependency) => Promise<void>): Promise<void> {
  const { dep, close } = await startDependency();
  await use(dep);
  await close();
}

interface Fixtures {
  faultSpec: string;
  auth: Dependency;
  backend: Dependency;
  frontendUrl: string;
}

const test = base.extend<Fixtures>({
  faultSpec: ['', { option: true }],
  auth: dependency,
  backend: dependency,
  frontendUrl: async ({ faultSpec, auth, backend }, use) => {
    const frontend = await startFrontend({
      host: '127.0.0.1',
      port: 0,
      authUrl: auth.url,
      backendUrl: backend.url,
      wsUrl: `${backend.url.replace('http', 'ws')}/ws`,
      faults: parseFaults(faultSpec),
    });
    await use(frontend.url);
    await frontend.close();
  },
});

test.describe('routes', () => {
  for (const path of ['/', '/login', '/chat', '/chat/thread_1732300000_ab12cd34', '/auth/callback']) {
    test(`${path} is an HTML page with its script and the service URLs`, async ({ request, frontendUrl, auth, backend }) => {
      const res = await request.get(`${frontendUrl}${path}`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('<script type="module" src="/assets/');
      const config = JSON.parse(/<script type="application\/json" id="netra-config">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null');
      expect(config).toEqual({
        authUrl: auth.url,
        backendUrl: backend.url,
        wsUrl: `${backend.url.replace('http', 'ws')}/ws`,
        completionDisplay: 'answer',
        variant: 'reference',
        sendsFirst: false,
        messageRoute: 'socket',
      });
    });
  }

  test('unknown paths are a 404 page, other methods a 405', async ({ request, frontendUrl }) => {
    const missing = await request.get(`${frontendUrl}/chat/a/b`);
    expect(missing.status()).toBe(404);
    expect(await missing.text()).toContain('Page not found');
    expect((await request.get(`${frontendUrl}/assets/nope.js`)).status()).toBe(404);
    const post = await request.post(`${frontendUrl}/chat`, { data: {} });
    expect(post.status()).toBe(405);
    expect(post.headers()['allow']).toBe('GET, HEAD');
  });

  test('assets are served with their content types and no caching', async ({ request, frontendUrl }) => {
    for (const [path, type] of [
      ['/assets/chat.js', 'text/javascript; charset=utf-8'],
      ['/assets/app.css', 'text/css; charset=utf-8'],
      ['/assets/favicon.svg', 'image/svg+xml'],
    ] as const) {
      const res = await request.get(`${frontendUrl}${path}`);
      expect(res.status(), path).toBe(200);
      expect(res.headers()['content-type'], path).toBe(type);
      expect(res.headers()['cache-control'], path).toBe('no-store');
    }
  });

  test('"/" sends a visitor without a session to /login and one with a session to /chat', async ({ page, frontendUrl }) => {
    await page.goto(`${frontendUrl}/`);
    await expect(page).toHaveURL(`${frontendUrl}/login`);
    await page.evaluate(() => localStorage.setItem('jwt_token', 'a.eyJzdWIiOiJ1In0.c'));
    await page.goto(`${frontendUrl}/`);
    await expect(page).toHaveURL(`${frontendUrl}/chat`);
  });

  test('/chat without a session sends the visitor to /login', async ({ page, frontendUrl }) => {
    await page.goto(`${frontendUrl}/chat`);
    await expect(page).toHaveURL(`${frontendUrl}/login`);
  });

  test('/auth/callback without a token says so instead of signing in', async ({ page, frontendUrl }) => {
    await page.goto(`${frontendUrl}/auth/callback?error=access_denied`);
    await expect(page.getByRole('alert')).toContainText('Sign-in failed: access_denied');
    await expect(page.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/login');
  });
});

test.describe('health', () => {
  test('/health is healthy when backend and auth are', async ({ request, frontendUrl, auth, backend }) => {
    const res = await request.get(`${frontendUrl}/health`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: 'healthy',
      service: 'frontend',
      dependencies: {
        backend: { status: 'healthy', url: `${backend.url}/health`, http_status: 200, error: null },
        auth: { status: 'healthy', url: `${auth.url}/health`, http_status: 200, error: null },
      },
    });
    expect(typeof body.dependencies.backend.response_time_ms).toBe('number');
  });

  test('a failing dependency makes /health degraded, still HTTP 200', async ({ request, frontendUrl, backend, auth }) => {
    backend.answer(503, { status: 'unhealthy', message: 'Startup in progress' });
    const res = await request.get(`${frontendUrl}/health`);
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'degraded',
      dependencies: {
        backend: { status: 'unhealthy', http_status: 503, details: { message: 'Startup in progress' } },
        auth: { status: 'healthy' },
      },
    });
    // HTTP 200 with "unhealthy" in the body is unhealthy too (contract section 3, /auth/health).
    backend.answer(200, { status: 'healthy' });
    auth.answer(200, { status: 'unhealthy' });
    expect(await (await request.get(`${frontendUrl}/health`)).json()).toMatchObject({
      status: 'degraded',
      dependencies: { backend: { status: 'healthy' }, auth: { status: 'unhealthy', http_status: 200 } },
    });
  });

  test('an unreachable dependency is reported with the reason', async ({ request, auth }) => {
    // A port that was just free: a dependency that is down.
    const gone = await startDependency();
    await gone.close();
    const frontend = await startFrontend({
      host: '127.0.0.1',
      port: 0,
      authUrl: auth.url,
      backendUrl: gone.dep.url,
      wsUrl: `${gone.dep.url.replace('http', 'ws')}/ws`,
      faults: parseFaults(''),
    });
    try {
      const body = await (await request.get(`${frontend.url}/health`)).json();
      expect(body).toMatchObject({ status: 'degraded', dependencies: { backend: { status: 'unhealthy', http_status: null } } });
      expect(body.dependencies.backend.error).toBe('ECONNREFUSED');
    } finally {
      await frontend.close();
    }
  });

  test('/api/health answers for the frontend process itself', async ({ request, frontendUrl }) => {
    const res = await request.get(`${frontendUrl}/api/health`);
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'healthy', service: 'frontend' });
  });
});

test.describe('fault frontend-500', () => {
  test.use({ faultSpec: 'frontend-500' });

  test('every page route and both health endpoints answer HTTP 500', async ({ request, frontendUrl }) => {
    for (const path of ['/', '/login', '/chat', '/chat/thread_1732300000_ab12cd34', '/auth/callback', '/health', '/api/health']) {
      const res = await request.get(`${frontendUrl}${path}`);
      expect(res.status(), path).toBe(500);
    }
    expect(await (await request.get(`${frontendUrl}/`)).text()).toContain('500: Internal Server Error');
  });

  test('the browser sees the error page, not the app', async ({ page, frontendUrl }) => {
    const res = await page.goto(`${frontendUrl}/chat`);
    expect(res?.status()).toBe(500);
    await expect(page.getByRole('heading', { name: '500: Internal Server Error' })).toBeVisible();
    await expect(page.getByTestId('main-chat')).toHaveCount(0);
  });
});

test.describe('fault ui-no-response', () => {
  test.use({ faultSpec: 'ui-no-response' });

  test('the page is told to show only the completion summary', async ({ request, frontendUrl }) => {
    const html = await (await request.get(`${frontendUrl}/chat`)).text();
    expect(html).toContain('"completionDisplay":"summary"');
  });
});

test.describe('variant frontend-contract-only', () => {
  test.use({ faultSpec: 'frontend-contract-only' });

  test('the chat page has only the test ids the contract requires', async ({ request, frontendUrl }) => {
    const html = await (await request.get(`${frontendUrl}/chat`)).text();
    expect(html).toContain('"variant":"contract-only"');
    for (const id of ['main-chat', 'message-textarea', 'send-button', 'main-content', 'agent-processing']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).not.toContain('data-testid="thinking-indicator"');
    expect(html).not.toContain('data-testid="connection-status"');
  });
});

test.describe('fault frontend-page-error', () => {
  test.use({ faultSpec: 'frontend-page-error' });

  test('only the chat script is broken', async ({ request, frontendUrl }) => {
    const chat = await (await request.get(`${frontendUrl}/assets/chat.js`)).text();
    expect(chat.startsWith('// fault frontend-page-error')).toBe(true);
    const login = await (await request.get(`${frontendUrl}/assets/login.js`)).text();
    expect(login).not.toContain('frontend-page-error');
  });
});

/**
 * The page's own frame reader (assets/agent-events.js), fed with the envelopes of contract
 * section 4.1, in the browser where it runs.
 */
test.describe('event reading in the page', () => {
  const read = async (page: import('@playwright/test').Page, frames: unknown[]) =>
    page.evaluate(async (input) => {
      const modulePath = '/assets/agent-events.js';
      const m = await import(modulePath);
      return input.map((frame: unknown) => {
        const e = m.readFrame(frame);
        return {
          kind: e.kind,
          type: e.type,
          runId: e.runId ?? null,
          threadId: e.threadId ?? null,
          agentName: e.agentName ?? null,
          answer: m.answerOf(e) ?? null,
          error: e.kind === 'error' || e.type === 'agent_error' ? m.errorTextOf(e) : null,
          reasoning: m.reasoningOf(e),
          tool: m.toolNameOf(e),
        };
      });
    }, frames);

  test.beforeEach(async ({ page, frontendUrl }) => {
    await page.goto(`${frontendUrl}/no-scripts-here`); // the 404 page: same origin, no app script
  });

  test('canonical E3, E4 and wrapped envelopes name the same events', async ({ page }) => {
    const ids = { run_id: 'run_1', thread_id: 'thread_1732300000_ab12cd34' };
    const out = await read(page, [
      { type: 'agent_thinking', ...ids, user_id: 'u', agent_name: 'triage', timestamp: 't', payload: { reasoning: 'Looking', status: 'thinking' } },
      { type: 'tool_executing', data: { ...ids, tool_name: 'cost_analyzer', status: 'executing' }, critical: true },
      { type: 'system_message', data: { event: 'tool_completed', ...ids, tool_name: 'cost_analyzer' } },
      { type: 'agent_progress', data: { type: 'agent_thinking', payload: { reasoning: 'Nested' } } },
      { payload: { type: 'agent_started', run_id: 'run_1' } },
    ]);
    expect(out.map((e) => [e.kind, e.type, e.runId])).toEqual([
      ['event', 'agent_thinking', 'run_1'],
      ['event', 'tool_executing', 'run_1'],
      ['event', 'tool_completed', 'run_1'],
      ['event', 'agent_thinking', null],
      ['event', 'agent_started', 'run_1'],
    ]);
    expect(out[0]).toMatchObject({ threadId: ids.thread_id, agentName: 'triage', reasoning: 'Looking' });
    expect(out[1]?.tool).toBe('cost_analyzer');
    expect(out[2]?.tool).toBe('cost_analyzer');
    expect(out[3]?.reasoning).toBe('Nested');
  });

  test('the answer comes from the first non-empty field of the contract list', async ({ page }) => {
    const out = await read(page, [
      { type: 'agent_completed', payload: { status: 'completed', result: { response: 'From response', content: 'no' } } },
      { type: 'agent_completed', payload: { result: { response: '', final_response: 'From final' } } },
      { type: 'agent_completed', payload: { result: {}, final_response: 'Top final', message: 'no' } },
      { type: 'agent_completed', data: { result: { content: 'From data' } } },
      { type: 'agent_completed', payload: 'Bare string answer' },
      { type: 'agent_completed', payload: { response: 'Bare result object' } },
      { type: 'agent_completed', payload: { status: 'completed' } },
    ]);
    expect(out.map((e) => e.answer)).toEqual([
      'From response',
      'From final',
      'Top final',
      'From data',
      'Bare string answer',
      'Bare result object',
      null,
    ]);
  });

  test('keepalive, welcome and the three error shapes are told apart', async ({ page }) => {
    const out = await read(page, [
      { type: 'heartbeat' },
      { type: 'pong', timestamp: 1 },
      { type: 'ack', received_type: 'x', status: 'acknowledged' },
      { type: 'connection_established', data: { mode: 'main' } },
      { type: 'connection_ready' },
      { type: 'error', message: 'Access denied to thread' },
      { type: 'error', payload: { error_message: 'Payload error' } },
      { type: 'error_message', error_code: 'AUTH_FAILED', error_message: 'Token rejected', details: {} },
      { type: 'agent_error', run_id: 'r', payload: { error: 'Model unavailable' } },
      'not an object',
    ]);
    expect(out.map((e) => e.kind)).toEqual([
      'keepalive',
      'keepalive',
      'keepalive',
      'welcome',
      'welcome',
      'error',
      'error',
      'error',
      'event',
      'unknown',
    ]);
    expect(out.slice(5, 9).map((e) => e.error)).toEqual([
      'Access denied to thread',
      'Payload error',
      'Token rejected',
      'Model unavailable',
    ]);
  });
});
