import { config } from './config.js';
import { answerOf, errorTextOf, executionMsOf, readFrame, reasoningOf, toolNameOf } from './agent-events.js';
import { openChatSocket } from './chat-socket.js';
import * as view from './chat-view.js';
import { clearSession, isExpired, readSession, refreshSession, takeTokensFromUrl } from './session.js';

/** Thread titles are the first 50 characters of the first message, as on the real page. */
const TITLE_LENGTH = 50;

let session = null;
let socket = null;
/** The conversation shown; null until the first message creates a thread (contract section 5). */
let threadId = threadIdFromPath();
/**
 * The run in flight or the last one: { card, runId, agentName, sentAt, started, done, answer }.
 * `agentName` is the agent that started the run; a sub-agent's events are part of it.
 */
let run = null;
/** The first message's thread creation, while it is under way. */
let creatingThread = null;

function threadIdFromPath() {
  const match = /^\/chat\/([^/]+)$/.exec(location.pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

function authHeaders() {
  return { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' };
}

async function backend(path, init = {}) {
  const res = await fetch(`${config.backendUrl}${path}`, { ...init, headers: authHeaders() });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const detail = typeof body?.detail === 'string' ? body.detail : `HTTP ${res.status}`;
    const error = new Error(`${init.method ?? 'GET'} ${path} failed: ${detail}`);
    error.status = res.status;
    throw error;
  }
  return body;
}

// --- signing in -----------------------------------------------------------------------

/**
 * The three injections of contract section 5 all land here: localStorage seeded before the
 * first script, `/auth/callback` (which stored the tokens and came here), and
 * `/chat?token=&refresh=`, which this page stores, strips and signs in with at once (the real
 * page needs a reload for that one; the reference page does not).
 */
async function signIn() {
  takeTokensFromUrl();
  let current = readSession();
  if (current && isExpired(current.claims)) current = await refreshSession(config.authUrl, current.refresh).catch(() => null);
  if (!current) {
    clearSession();
    location.replace('/login');
    return null;
  }
  return current;
}

// --- sending --------------------------------------------------------------------------

async function send(text) {
  view.clearError();
  view.appendMessage('user', text);
  run = { card: view.startRunCard(), runId: null, agentName: null, sentAt: performance.now(), started: false, done: false, answer: null, answerMessage: null };
  view.setProcessing(true);
  try {
    if (config.messageRoute === 'rest') {
      // Fault page-rest-diversion: the real page's REST detour, which its backend answers 422.
      if (threadId === null) await createThread(text);
      await backend('/api/agent/v2/execute', { method: 'POST', body: JSON.stringify({ message: text, thread_id: threadId }) });
    } else if (threadId === null && creatingThread === null) {
      // First message of a conversation: create the thread, then start_agent (the real page's order).
      creatingThread = createThread(text);
      await creatingThread;
      socket.send({ type: 'start_agent', payload: { user_request: text, thread_id: threadId, context: {}, settings: {} } });
    } else {
      await creatingThread; // a quick second message waits for the first one's thread
      socket.send({ type: 'user_message', payload: { content: text, thread_id: threadId } });
    }
  } catch (error) {
    failRun(`Could not send your message: ${error.message}`);
  }
}

async function createThread(text) {
  try {
    const thread = await backend('/api/threads', { method: 'POST', body: JSON.stringify({ title: text.slice(0, TITLE_LENGTH) }) });
    threadId = thread.id;
    history.pushState({ threadId }, '', `/chat/${encodeURIComponent(threadId)}`);
    view.addThreadLink(thread, threadId);
  } finally {
    creatingThread = null;
  }
}

function failRun(message) {
  view.showError(message);
  if (run && !run.done) {
    run.done = true;
    run.card.finish('error', message, 'Failed');
  }
  view.setProcessing(false);
}

// --- reading the socket ---------------------------------------------------------------

function seconds(ms) {
  return (Math.max(0, ms) / 1000).toFixed(1);
}

function onFrame(frame) {
  const event = readFrame(frame);
  if (event.kind === 'keepalive' || event.kind === 'welcome' || event.kind === 'unknown') return;
  if (event.kind === 'error') {
    const text = errorTextOf(event);
    // An error before the run started means the run never will (e.g. "Access denied to thread").
    if (run && !run.done && !run.started) failRun(`Error: ${text}`);
    else view.showError(`Error: ${text}`);
    return;
  }
  // Events are addressed to the user, so another tab's conversation arrives here too (contract
  // section 4.2); this page shows only its own thread. An id-less event belongs to the run in flight.
  if (event.threadId && event.threadId !== threadId) return;
  if (!run) return;
  if (event.runId && run.runId && event.runId !== run.runId && event.type !== 'agent_started') return;
  // A sub-agent runs inside the run and completes before it (contract section 4.1).
  const subAgent = Boolean(event.agentName && run.agentName && event.agentName !== run.agentName);

  switch (event.type) {
    case 'agent_started':
      run.runId = event.runId ?? run.runId;
      run.agentName = run.agentName ?? event.agentName ?? null;
      run.started = true;
      run.card.progress(subAgent ? `${event.agentName} started` : 'agent started');
      view.setThinking(null);
      break;
    case 'agent_thinking':
      run.started = true;
      run.card.progress('thinking…');
      view.setThinking(reasoningOf(event));
      break;
    case 'tool_executing':
      run.card.progress(`running tool ${toolNameOf(event)}`);
      view.setThinking(null);
      break;
    case 'tool_completed':
      run.card.progress(`tool ${toolNameOf(event)} done`);
      view.setThinking(null);
      break;
    case 'agent_completed':
      if (subAgent) run.card.progress(`${event.agentName} done`);
      else completeRun(event);
      break;
    case 'agent_error':
      failRun(`The agent failed: ${errorTextOf(event)}`);
      break;
    default:
      break; // unknown event types are tolerated (contract section 4.1)
  }
}

/**
 * `agent_completed` may come twice, the last one holding the answer (contract section 4.1):
 * the card is finished on the first and its text replaced by each later non-empty answer, so
 * the answer is rendered once.
 */
function completeRun(event) {
  const ms = executionMsOf(event) ?? performance.now() - run.sentAt;
  const agent = run.agentName ?? 'Agent';
  const firstCompletion = !run.done;
  run.done = true;
  view.setProcessing(false);
  if (config.completionDisplay === 'summary') {
    // Fault ui-no-response: the September 2025 page showed only this line live (contract section 5).
    if (firstCompletion) run.card.finish('completed', `${agent} completed in ${seconds(ms)} s`, 'Progress');
    return;
  }
  const answer = answerOf(event);
  if (answer) run.answer = answer;
  if (config.variant === 'contract-only') {
    // Like the real page: the card keeps the progress, the answer is a message of its own.
    if (firstCompletion) run.card.finish('completed', `${agent} completed in ${seconds(ms)} s`, 'Progress');
    if (answer && !run.answerMessage) run.answerMessage = view.appendMessage('assistant', answer);
    else if (answer) run.answerMessage.querySelector('.message-body').textContent = answer;
    return;
  }
  if (firstCompletion || answer) {
    run.card.finish('completed', run.answer ?? 'The agent finished without an answer.', `${agent} · ${seconds(ms)} s`);
  }
}

/** Set while the alert says the socket could not connect, so that a later connect clears it. */
let unreachableAlert = false;

function onState(state) {
  view.setConnection(state);
  if (state === 'connected' && unreachableAlert) {
    unreachableAlert = false;
    view.clearError();
  }
}

/**
 * A close the user should know about goes to the alert. A run whose socket closed is over on
 * this page: the backend stops a run when its user has no socket left (contract section 4.2
 * addresses events to the user's sockets), so nothing more will arrive for it. A message still
 * queued because the socket never opened is not lost: it goes out on the next connect.
 */
function onClosed(event, willRetry, everOpened) {
  const code = `${event.code}${event.reason ? ` ${event.reason}` : ''}`;
  let message = null;
  if (!everOpened) {
    // A refused upgrade (404, 403, 5xx) reaches the page only as 1006, without the status.
    unreachableAlert = true;
    message = `Could not connect to the chat server at ${config.wsUrl} (${code}).${willRetry ? ' Retrying…' : ''}`;
  } else if (event.code === 1008) {
    message = `The server refused the session (${event.code} ${event.reason || 'policy violation'}). Sign in again.`;
  } else if (event.code === 1011) {
    message = `The server closed the connection with an internal error (${code}).${willRetry ? ' Reconnecting…' : ''}`;
  } else if (run && !run.done) {
    message = `The connection closed during the run (${code}).${willRetry ? ' Reconnecting…' : ''}`;
  }
  if (message === null) return;
  if (everOpened && run && !run.done) failRun(message);
  else view.showError(message);
}

// --- history --------------------------------------------------------------------------

async function loadHistory(id) {
  try {
    const body = await backend(`/api/threads/${encodeURIComponent(id)}/messages`);
    const messages = Array.isArray(body) ? body : body?.messages ?? [];
    view.showHistory(
      messages.map((m) => ({
        role: m.role === 'user' ? 'user' : 'assistant',
        text: typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
      })),
    );
  } catch (error) {
    view.showError(`This conversation could not be loaded (${error.message}).`);
  }
}

async function loadThreadList() {
  try {
    const body = await backend('/api/threads?limit=20&offset=0');
    const threads = Array.isArray(body) ? body : body?.threads ?? [];
    view.renderThreadList(threads, threadId);
  } catch (error) {
    view.renderThreadList([], threadId);
    view.showError(`Your conversations could not be listed (${error.message}).`);
  }
}

// --- wiring ---------------------------------------------------------------------------

function wireComposer() {
  const submit = () => {
    const text = view.textarea.value.trim();
    if (text === '') return;
    view.textarea.value = '';
    send(text);
  };
  view.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  // Enter sends, Shift+Enter is a new line; never while an input method is composing.
  view.textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    socket?.stop();
    clearSession();
    location.assign('/login');
  });
  addEventListener('popstate', () => location.reload());
}

async function main() {
  session = await signIn();
  if (!session) return;
  const connect = () =>
    openChatSocket({ url: config.wsUrl, token: () => session.token, sendsFirst: config.sendsFirst, onFrame, onState, onClosed });
  socket = config.sendsFirst ? lazySocket(connect) : connect();
  wireComposer();
  view.showSignedIn(session.claims.email ?? session.claims.sub);
  if (threadId) loadHistory(threadId);
  loadThreadList();
}

/**
 * page-sends-first: the socket is opened by the conversation's first message, which goes out
 * the moment it opens, before the welcome (contract section 5: the page may send first).
 */
function lazySocket(connect) {
  let opened = null;
  return {
    send(message) {
      opened ??= connect();
      opened.send(message);
    },
    stop: () => opened?.stop(),
  };
}

main().catch((error) => view.showError(`The chat could not start: ${error.message}`));
