import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonObject } from '../http/json-body';
import { type FieldIssue, sendJson, sendMethodNotAllowed, sendUnprocessable } from '../http/respond';
import { type TokenClaims, type TokenService, bearerToken } from '../jwt';
import { newThreadId } from './thread-ids';
import { type Thread, type ThreadStore, threadView } from './thread-store';

export interface ThreadsContext {
  store: ThreadStore;
  tokens: TokenService;
}

const THREAD_NOT_FOUND = { detail: 'Thread not found' };
const DEFAULT_TITLE = 'New Conversation';

async function authenticate(req: IncomingMessage, res: ServerResponse, tokens: TokenService): Promise<TokenClaims | undefined> {
  const token = bearerToken(req.headers.authorization);
  if (!token) {
    sendJson(res, 401, { detail: 'Not authenticated' });
    return undefined;
  }
  const check = await tokens.verify(token, 'access');
  if (!check.ok) {
    sendJson(res, 401, { detail: 'Invalid or expired token', error: check.error });
    return undefined;
  }
  return check.claims;
}

/** Threads page by 20 like the real page asks; messages by 100 so one thread's history fits. */
function pageParams(url: URL, issues: FieldIssue[], defaultLimit: number, maxLimit: number): { limit: number; offset: number } {
  const read = (name: string, fallback: number, min: number, max: number): number => {
    const raw = url.searchParams.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      issues.push({ type: 'int_parsing', loc: ['query', name], msg: `Input should be an integer from ${min} to ${max}` });
      return fallback;
    }
    return value;
  };
  return { limit: read('limit', defaultLimit, 1, maxLimit), offset: read('offset', 0, 0, Number.MAX_SAFE_INTEGER) };
}

/** Another user's thread answers exactly like a missing one: 404, nothing leaks (section 5). */
function ownThread(ctx: ThreadsContext, id: string, user: string, res: ServerResponse): Thread | undefined {
  const found = ctx.store.lookup(id, user);
  if (found.kind === 'found') return found.thread;
  sendJson(res, 404, THREAD_NOT_FOUND);
  return undefined;
}

/**
 * `/api/threads` and below (contract section 5). Returns false when the path is not a threads
 * path, so the caller can answer 404.
 */
export async function handleThreads(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ThreadsContext): Promise<boolean> {
  const parts = url.pathname.replace(/\/+$/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'api' || parts[1] !== 'threads' || parts.length > 4) return false;
  const id = parts[2];
  const sub = parts[3];
  if (sub !== undefined && sub !== 'messages') return false;
  const method = req.method ?? 'GET';
  const allowed = id === undefined ? ['GET', 'POST'] : sub === undefined ? ['GET', 'PUT'] : ['GET'];
  if (!allowed.includes(method)) {
    sendMethodNotAllowed(res);
    return true;
  }

  const claims = await authenticate(req, res, ctx.tokens);
  if (!claims) return true;
  const user = claims.sub;

  if (id === undefined && method === 'GET') {
    const issues: FieldIssue[] = [];
    const { limit, offset } = pageParams(url, issues, 20, 100);
    if (issues.length > 0) sendUnprocessable(res, issues);
    else sendJson(res, 200, ctx.store.listFor(user, limit, offset).map(threadView));
    return true;
  }

  if (id === undefined) {
    const body = await readJsonObject(req);
    if (!body.ok) {
      sendJson(res, body.status, { detail: body.detail });
      return true;
    }
    const { title = DEFAULT_TITLE, metadata = {} } = body.value;
    const issues: FieldIssue[] = [];
    if (typeof title !== 'string') issues.push({ type: 'string_type', loc: ['body', 'title'], msg: 'Input should be a valid string' });
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      issues.push({ type: 'value_error', loc: ['body', 'metadata'], msg: 'Input should be a valid dictionary' });
    }
    if (issues.length > 0) sendUnprocessable(res, issues);
    else sendJson(res, 200, threadView(ctx.store.create(newThreadId(), user, title as string, metadata as Record<string, unknown>)));
    return true;
  }

  if (method === 'PUT') {
    const body = await readJsonObject(req);
    if (!body.ok) {
      sendJson(res, body.status, { detail: body.detail });
      return true;
    }
    const title = body.value['title'];
    if (typeof title !== 'string') {
      const missing = title === undefined || title === null;
      sendUnprocessable(res, [
        missing
          ? { type: 'missing', loc: ['body', 'title'], msg: 'Field required' }
          : { type: 'string_type', loc: ['body', 'title'], msg: 'Input should be a valid string' },
      ]);
      return true;
    }
    const thread = ownThread(ctx, id, user, res);
    if (thread) {
      ctx.store.rename(thread, title);
      sendJson(res, 200, threadView(thread));
    }
    return true;
  }

  const thread = ownThread(ctx, id, user, res);
  if (!thread) return true;
  if (sub === undefined) {
    sendJson(res, 200, threadView(thread));
    return true;
  }
  const issues: FieldIssue[] = [];
  const { limit, offset } = pageParams(url, issues, 100, 1000);
  if (issues.length > 0) {
    sendUnprocessable(res, issues);
    return true;
  }
  sendJson(res, 200, {
    thread_id: thread.id,
    messages: thread.messages.slice(offset, offset + limit),
    total: thread.messages.length,
    limit,
    offset,
  });
  return true;
}
