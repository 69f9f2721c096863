import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FieldIssue, sendJson, sendUnprocessable } from './respond';

const MAX_BODY_BYTES = 1024 * 1024;

type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; status: 400 | 413 | 422; detail: unknown };

/**
 * The request's URL and its route path. A trailing slash does not make another route (FastAPI
 * redirects it; here it simply matches), so `/auth/login/` is `/auth/login`.
 */
export function routeOf(req: IncomingMessage): { url: URL; path: string } {
  const url = new URL(req.url ?? '/', 'http://service.local');
  return { url, path: url.pathname.replace(/\/+$/, '') || '/' };
}

/**
 * Reads a request body that must be a JSON object. An empty body reads as `{}` so that the
 * field checks answer 422 for what is missing, as FastAPI does; malformed JSON is 400 and an
 * oversized body 413, each as JSON, never a crash.
 */
async function readJsonObject(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<JsonBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is drained, not cut: destroying the request would reset the connection
  // before the 413 reaches the client.
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= limit) chunks.push(buf);
  }
  if (size > limit) return { ok: false, status: 413, detail: `Request body larger than ${limit} bytes` };
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return { ok: true, value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, status: 400, detail: `Invalid JSON body: ${(error as Error).message}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      ok: false,
      status: 422,
      detail: [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object' }],
    };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

export const notAString = (field: string): FieldIssue => ({ type: 'string_type', loc: ['body', field], msg: 'Input should be a valid string' });

/**
 * Reads the JSON object body and checks that each `required` field is a string (FastAPI's 422
 * items). Undefined means the request has been answered (400, 413 or 422).
 */
export async function readFields(req: IncomingMessage, res: ServerResponse, required: readonly string[]): Promise<Record<string, unknown> | undefined> {
  const body = await readJsonObject(req);
  if (!body.ok) {
    sendJson(res, body.status, { detail: body.detail });
    return undefined;
  }
  const issues: FieldIssue[] = [];
  for (const field of required) {
    const value = body.value[field];
    if (value === undefined || value === null) issues.push({ type: 'missing', loc: ['body', field], msg: 'Field required' });
    else if (typeof value !== 'string') issues.push(notAString(field));
  }
  if (issues.length > 0) {
    sendUnprocessable(res, issues);
    return undefined;
  }
  return body.value;
}
