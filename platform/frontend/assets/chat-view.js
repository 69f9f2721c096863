// The chat page's DOM, by the test ids of contract section 5. Text always goes in through
// textContent: messages and answers are never parsed as HTML.

const $ = (selector) => document.querySelector(selector);

const mainChat = $('[data-testid="main-chat"]');
const loading = $('#chat-loading');
const content = $('[data-testid="main-content"]');
const emptyState = $('#empty-state');
const processing = $('[data-testid="agent-processing"]');
const thinking = $('[data-testid="thinking-indicator"]');
const connection = $('[data-testid="connection-status"]');
const errorBox = $('[data-testid="chat-error"]');
const threadList = $('#thread-list');

const sendButton = $('[data-testid="send-button"]');
export const textarea = $('[data-testid="message-textarea"]');
export const composer = $('#composer');

export function showSignedIn(email) {
  $('#user-email').textContent = email ?? '';
  loading.hidden = true;
  mainChat.hidden = false;
  textarea.disabled = false;
  sendButton.disabled = false;
  textarea.focus();
}

/** `data-state` is the machine-readable twin of the text ("disconnected" contains "connected"). */
export function setConnection(state) {
  if (!connection) return; // optional test id: absent on the contract-only page
  connection.dataset.state = state;
  connection.textContent = state === 'connecting' ? 'connecting…' : state;
}

export function showError(text) {
  errorBox.textContent = text;
  errorBox.hidden = false;
}

export function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
}

export function setProcessing(on) {
  processing.hidden = !on;
  if (!on) setThinking(null);
}

/** Shown only while the latest event is `agent_thinking`; holds its reasoning. */
export function setThinking(reasoning) {
  if (!thinking) return; // optional test id: absent on the contract-only page
  thinking.hidden = reasoning === null;
  thinking.textContent = reasoning === null ? '' : `Thinking… ${reasoning}`.trim();
}

function messageElement(role, text) {
  emptyState?.remove();
  const article = document.createElement('article');
  article.className = `message message-${role}`;
  article.dataset.role = role;
  article.dataset.testid = role === 'user' ? 'user-message' : 'assistant-message';
  article.setAttribute('aria-label', role === 'user' ? 'You' : 'Netra Apex');
  const author = document.createElement('div');
  author.className = 'message-author';
  author.textContent = role === 'user' ? 'You' : 'Netra Apex';
  const body = document.createElement('div');
  body.className = 'message-body';
  body.textContent = text;
  article.append(author, body);
  content.append(article);
  article.scrollIntoView({ block: 'end' });
  return { article, body };
}

export function appendMessage(role, text) {
  return messageElement(role, text).article;
}

/** The thread's saved messages, `[{ role, text }]`, placed before anything sent while they were loading. */
export function showHistory(messages) {
  const sentMeanwhile = [...content.querySelectorAll('article')];
  for (const { role, text } of messages) messageElement(role, text);
  content.append(...sentMeanwhile);
}

/**
 * The run's card: an assistant message in the conversation that shows progress while the run is
 * in flight and ends holding the answer. Only the latest run's card carries
 * `data-testid="response-card"`; earlier cards become ordinary assistant messages.
 */
export function startRunCard() {
  content.querySelector('[data-testid="response-card"]')?.setAttribute('data-testid', 'assistant-message');
  const { article, body } = messageElement('assistant', '');
  article.dataset.testid = 'response-card';
  article.classList.add('run-card');
  article.dataset.state = 'waiting';
  body.textContent = 'Waiting for the agent…';
  body.classList.add('muted');
  const details = document.createElement('details');
  details.className = 'run-progress';
  details.open = true;
  const summary = document.createElement('summary');
  summary.textContent = 'Progress';
  const steps = document.createElement('ol');
  details.append(summary, steps);
  article.insertBefore(details, body);

  return {
    progress(text) {
      const li = document.createElement('li');
      li.textContent = text;
      steps.append(li);
      if (article.dataset.state === 'waiting') {
        article.dataset.state = 'running';
        body.textContent = '';
      }
      article.scrollIntoView({ block: 'end' });
    },
    /** Ends the card; `text` replaces what it held, so a repeated completion is rendered once. */
    finish(state, text, summaryText) {
      article.dataset.state = state;
      body.classList.remove('muted');
      body.classList.toggle('run-error', state === 'error');
      body.textContent = text;
      details.open = false;
      summary.textContent = summaryText;
      article.scrollIntoView({ block: 'end' });
    },
  };
}

export function renderThreadList(threads, currentId) {
  threadList.replaceChildren();
  if (threads.length === 0) {
    const li = document.createElement('li');
    li.className = 'muted small';
    li.textContent = 'No conversations yet';
    threadList.append(li);
    return;
  }
  for (const thread of threads) addThreadLink(thread, currentId, false);
}

export function addThreadLink(thread, currentId, atTop = true) {
  threadList.querySelector('li.muted')?.remove();
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = `/chat/${encodeURIComponent(thread.id)}`;
  a.textContent = thread.title || 'Untitled conversation';
  if (thread.id === currentId) a.setAttribute('aria-current', 'page');
  li.append(a);
  if (atTop) threadList.prepend(li);
  else threadList.append(li);
}
