import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireAccessToken } from '../http/bearer-auth';
import { checkBounds, describeViolation } from '../http/json-bounds';
import { notAString, pathSegments, readFields, sendBadRequest, tooLong } from '../http/request';
import { type FieldIssue, sendJson, sendMethodNotAllowed, sendUnprocessable } from '../http/respond';
import type { TokenService } from '../jwt';
import { LIMITS } from '../limits';
import { newThreadId } from './thread-ids';
import { type Thread, type ThreadStore, threadView } from './thread-store';

export interface ThreadsContext {
  store: ThreadStore;
  tokens: TokenService;
}

/** One authenticated request to the threads API; `id` is '' on the collection. */
interface ThreadRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  ctx: ThreadsContext;
  user: string;
  id: string;
}

type Route = (r: ThreadRequest) => Promise<void> | void;

const THREAD_NOT_FOUND = { detail: 'Thread not found' };
const DEFAULT_TITLE = 'New Conversation';

/** Threads page by 20 like the real page asks; messages by 100 so one thread's history fits. */
function pageParams(url: URL, defaultLimit: number, maxLimit: number): { limit: number; offset: number; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
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
  return { limit: read('limit', defaultLimit, 1, maxLimit), offset: read('offset', 0, 0, Number.MAX_SAFE_INTEGER), issues };
}

/** Another user's thread answers exactly like a missing one: 404, nothing leaks (section 5). */
function ownThread({ ctx, id, user, res }: ThreadRequest): Thread | undefined {
  const found = ctx.store.lookup(id, user);
  if (found.kind === 'found') return found.thread;
  sendJson(res, 404, THREAD_NOT_FOUND);
  return undefined;
}

/** `GET /api/threads?limit&offset` */
function listThreads({ url, ctx, user, res }: ThreadRequest): void {
  const { limit, offset, issues } = pageParams(url, 20, 100);
  if (issues.length > 0) sendUnprocessable(res, issues);
  else sendJson(res, 200, ctx.store.listFor(user, limit, offset).map(threadView));
}

function titleIssue(title: unknown): FieldIssue | undefined {
  if (typeof title !== 'string') return notAString('title');
  return title.length > LIMITS.maxTitleChars ? tooLong('title', LIMITS.maxTitleChars) : undefined;
}

/** The metadata is stored and shown back on every list, so it is checked in full before it is kept. */
function metadataIssue(metadata: unknown): FieldIssue | undefined {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    return { type: 'value_error', loc: ['body', 'metadata'], msg: 'Input should be a valid dictionary' };
  }
  const violation = checkBounds(metadata, LIMITS.maxMetadataBytes);
  return violation ? { type: 'value_error', loc: ['body', 'metadata'], msg: `metadata is ${describeViolation(violation)}` } : undefined;
}

/** `POST /api/threads {"title"?, "metadata"?}`: both checked before anything is stored. */
async function createThread({ req, res, ctx, user }: ThreadRequest): Promise<void> {
  const body = await readFields(req, res, []);
  if (!body) return;
  const { title = DEFAULT_TITLE, metadata = {} } = body;
  const issues = [titleIssue(title), metadataIssue(metadata)].filter((issue) => issue !== undefined);
  if (issues.length > 0) sendUnprocessable(res, issues);
  else sendJson(res, 200, threadView(ctx.store.create(newThreadId(), user, title as string, metadata as Record<string, unknown>)));
}

/** `GET /api/threads/{id}` */
function getThread(r: ThreadRequest): void {
  const thread = ownThread(r);
  if (thread) sendJson(r.res, 200, threadView(thread));
}

/** `PUT /api/threads/{id} {"title"}`: the body is checked before the owner, as FastAPI validates first. */
async function renameThread(r: ThreadRequest): Promise<void> {
  const body = await readFields(r.req, r.res, ['title']);
  if (!body) return;
  const issue = titleIssue(body['title']);
  if (issue) return sendUnprocessable(r.res, [issue]);
  const thread = ownThread(r);
  if (!thread) return;
  r.ctx.store.rename(thread, body['title'] as string);
  sendJson(r.res, 200, threadView(thread));
}

/** `GET /api/threads/{id}/messages?limit&offset` */
function listMessages(r: ThreadRequest): void {
  const thread = ownThread(r);
  if (!thread) return;
  const { limit, offset, issues } = pageParams(r.url, 100, 1000);
  if (issues.length > 0) return sendUnprocessable(r.res, issues);
  sendJson(r.res, 200, {
    thread_id: thread.id,
    messages: thread.messages.slice(offset, offset + limit),
    total: thread.messages.length,
    limit,
    offset,
  });
}

const ROUTES: Record<'collection' | 'thread' | 'messages', Partial<Record<string, Route>>> = {
  collection: { GET: listThreads, POST: createThread },
  thread: { GET: getThread, PUT: renameThread },
  messages: { GET: listMessages },
};

/**
 * `/api/threads` and below (contract section 5). Returns false when the path is not a threads
 * path, so the caller can answer 404. A wrong method is 405 before any token check.
 */
export async function handleThreads(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ThreadsContext): Promise<boolean> {
  const parts = pathSegments(url.pathname);
  if (!parts) {
    // Only a threads path can carry an id to decode; anything else stays the caller's 404.
    if (!/^\/api\/threads(\/|$)/.test(url.pathname)) return false;
    sendBadRequest(res, 'Malformed percent-encoding in the path');
    return true;
  }
  if (parts[0] !== 'api' || parts[1] !== 'threads' || parts.length > 4) return false;
  const [, , id, sub] = parts;
  if (sub !== undefined && sub !== 'messages') return false;
  const route = ROUTES[id === undefined ? 'collection' : sub === undefined ? 'thread' : 'messages'][req.method ?? 'GET'];
  if (!route) {
    sendMethodNotAllowed(res);
    return true;
  }
  const claims = await requireAccessToken(req, res, ctx.tokens);
  if (claims) await route({ req, res, url, ctx, user: claims.sub, id: id ?? '' });
  return true;
}
