/**
 * The HTML of each route (contract section 5). No framework and no build step: each page is a
 * small static shell plus one browser module from `assets/`. The service URLs reach the page
 * through an inline JSON block written per request, never as literals in the scripts.
 */

/** What the page learns from its server. */
export interface PageConfig {
  authUrl: string;
  backendUrl: string;
  wsUrl: string;
  /**
   * How a finished run is shown. "answer" is the reference behaviour; "summary" imitates the
   * September 2025 frontend, which showed only "<agent> completed in N s" until a reload
   * (fault `ui-no-response`, contract section 5).
   */
  completionDisplay: 'answer' | 'summary';
  /**
   * "reference" carries the optional test ids and puts the answer in the run's card;
   * "contract-only" (fault `frontend-contract-only`, a healthy variant) is what the real page
   * offers: no `thinking-indicator` or `connection-status`, `response-card` as a progress card,
   * and the answer as a plain assistant message in `main-content` (contract section 5).
   */
  variant: 'reference' | 'contract-only';
  /**
   * Variant `page-sends-first`, as the real page does: the message goes out the moment the socket
   * opens, before the welcome (the socket is opened by the conversation's first message, so that
   * this always happens), and a closed socket is reopened about every 11 s whatever closed it,
   * 1008 included (contract section 5).
   */
  sendsFirst: boolean;
  /**
   * "rest" (fault `page-rest-diversion`): the message goes to `POST /api/agent/v2/execute`
   * instead of the socket, as the real page does for some messages (contract section 4).
   */
  messageRoute: 'socket' | 'rest';
}

function layout(title: string, config: PageConfig | null, body: string, script: string | null): string {
  // `<` is escaped so that no value can close the script element early.
  const configBlock = config
    ? `<script type="application/json" id="netra-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>`
    : '';
  const scriptTag = script ? `<script type="module" src="/assets/${script}"></script>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Netra Apex</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css">
${configBlock}
${scriptTag}
</head>
<body>
${body}
</body>
</html>
`;
}

const brand = `<a class="brand" href="/"><span class="brand-mark" aria-hidden="true">N</span><span class="brand-name">Netra Apex</span></a>`;

export function homePage(config: PageConfig): string {
  return layout('Loading', config, `<main class="centered"><p class="muted" role="status">Loading…</p></main>`, 'home.js');
}

export function loginPage(config: PageConfig): string {
  return layout(
    'Sign in',
    config,
    `<main class="centered">
  <section class="card login-card" aria-labelledby="login-title">
    <div class="login-brand">${brand}</div>
    <h1 id="login-title">Sign in</h1>
    <p id="login-loading" class="muted" role="status">Loading…</p>
    <div id="login-error" class="alert" role="alert" data-testid="login-error" hidden></div>
    <div id="dev-login" hidden>
      <button type="button" class="button button-primary button-wide" data-testid="dev-login-button">Quick Dev Login</button>
      <p class="muted small">Development mode: signs you in as the dev user.</p>
      <div class="divider"><span>or</span></div>
    </div>
    <form id="login-form" data-testid="login-form" novalidate>
      <label for="login-email">Email</label>
      <input id="login-email" name="email" type="email" autocomplete="username" required data-testid="login-email">
      <label for="login-password">Password</label>
      <input id="login-password" name="password" type="password" autocomplete="current-password" required data-testid="login-password">
      <button type="submit" class="button button-primary button-wide" data-testid="login-submit">Sign in</button>
    </form>
  </section>
</main>`,
    'login.js',
  );
}

export function callbackPage(config: PageConfig): string {
  return layout(
    'Signing in',
    config,
    `<main class="centered">
  <p class="muted" role="status" id="callback-status">Signing you in…</p>
  <div id="callback-error" class="alert" role="alert" hidden></div>
</main>`,
    'callback.js',
  );
}

export function chatPage(config: PageConfig): string {
  return layout(
    'Chat',
    config,
    `<header class="topbar">
  ${brand}
  <h1 class="visually-hidden">Netra Apex chat</h1>
  <div class="topbar-right">
    ${config.variant === 'reference' ? '<span class="connection" data-testid="connection-status" data-state="disconnected" aria-live="polite">disconnected</span>' : ''}
    <span class="user-email" id="user-email"></span>
    <a class="button button-quiet" href="/chat" id="new-chat">New chat</a>
    <button type="button" class="button button-quiet" id="sign-out">Sign out</button>
  </div>
</header>
<p id="chat-loading" class="muted loading" role="status">Loading…</p>
<main class="chat" data-testid="main-chat" hidden>
  <nav class="threads" aria-labelledby="threads-title">
    <h2 id="threads-title">Conversations</h2>
    <ul id="thread-list" class="thread-list"></ul>
  </nav>
  <section class="conversation" aria-label="Chat">
    <div id="chat-error" class="alert" role="alert" data-testid="chat-error" hidden></div>
    <div class="messages" data-testid="main-content" role="log" aria-label="Conversation" aria-live="polite">
      <p class="empty-state" id="empty-state">Ask Netra Apex about your AI workloads to start a conversation.</p>
    </div>
    <div class="run-status">
      <div class="processing" data-testid="agent-processing" role="status" hidden><span class="spinner" aria-hidden="true"></span> Netra is working on it…</div>
      ${config.variant === 'reference' ? '<div class="thinking" data-testid="thinking-indicator" hidden></div>' : ''}
    </div>
    <form class="composer" id="composer">
      <label for="message" class="visually-hidden">Message</label>
      <textarea id="message" data-testid="message-textarea" rows="2" placeholder="Message Netra Apex (Enter to send, Shift+Enter for a new line)" disabled></textarea>
      <button type="submit" class="button button-primary" data-testid="send-button" disabled>Send</button>
    </form>
  </section>
</main>`,
    'chat.js',
  );
}

export function notFoundPage(path: string): string {
  return layout(
    'Not found',
    null,
    `<main class="centered"><section class="card"><h1>Page not found</h1><p class="muted">Nothing lives at <code>${escapeHtml(path)}</code>.</p><p><a href="/">Go to Netra Apex</a></p></section></main>`,
    null,
  );
}

/** Fault `frontend-500`: what a crashed Next.js server answers on every page. */
export function serverErrorPage(): string {
  return layout(
    'Error',
    null,
    `<main class="centered"><section class="card"><h1>500: Internal Server Error</h1><p class="muted">The frontend failed to render this page.</p></section></main>`,
    null,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
