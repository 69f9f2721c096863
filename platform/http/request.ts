import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIMITS } from '../limits';
import { describeViolation, jsonDepth, tooDeepField } from './json-bounds';
import { type FieldIssue, sendJson, sendUnprocessable } from './respond';

export interface Route {
  url: URL;
  path: string;
}

type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; status: 400 | 413 | 415 | 422; detail: unknown };

/**
 * The request's URL and its route path, or undefined when the request target is not a URL at
 * all (`GET http://[`), which is the client's 400. A trailing slash does not make another route
 * (FastAPI redirects it; here it simply matches), so `/auth/login/` is `/auth/login`.
 */
export function routeOf(req: IncomingMessage): Route | undefined {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://service.local');
  } catch {
    return undefined;
  }
  return { url, path: url.pathname.replace(/\/+$/, '') || '/' };
}

/** The path's segments, percent-decoded; undefined when an escape is malformed (`%ZZ`), the client's 400. */
export function pathSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

export function sendBadRequest(res: ServerResponse, detail: string): void {
  sendJson(res, 400, { detail });
}

/** `application/json`, with or without parameters such as `charset`. */
function isJsonType(header: string | undefined): boolean {
  return (header ?? '').split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

interface ReadBody {
  size: number;
  /** The client went away mid-body: there is nobody left to answer. */
  aborted: boolean;
  /** Empty when the body was over the limit: it was drained, not kept. */
  chunks: Buffer[];
}

const bodies = new WeakMap<IncomingMessage, Promise<ReadBody>>();

/**
 * The request's body, read once: the services read every body to its end before they answer,
 * whether a handler wants it or not. An answer sent while the client is still sending would
 * leave the rest on the connection, and Node then drops the kept-alive connection under the
 * client's next request. Past the limit the body is drained, not kept, and not cut: destroying
 * the request would reset the connection before the 413 reaches the client.
 */
export function bodyOf(req: IncomingMessage): Promise<ReadBody> {
  let body = bodies.get(req);
  if (!body) {
    body = (async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of req) {
          const buf = chunk as Buffer;
          size += buf.length;
          if (size <= LIMITS.maxBodyBytes) chunks.push(buf);
        }
      } catch {
        return { size, aborted: true, chunks: [] };
      }
      return { size, aborted: false, chunks: size > LIMITS.maxBodyBytes ? [] : chunks };
    })();
    bodies.set(req, body);
  }
  return body;
}

/**
 * Reads a request body that must be a JSON object. An empty body reads as `{}` so that the
 * field checks answer 422 for what is missing, as FastAPI does, and a bodiless POST needs no
 * Content-Type. A body in any other type than `application/json` is 415: a page elsewhere could
 * send `text/plain` without a preflight. Then 413 for size, 400 for malformed JSON and 422 for
 * nesting past the depth limit, naming the field, each as JSON, never a crash.
 */
async function readJsonObject(req: IncomingMessage): Promise<JsonBody> {
  const { size, chunks } = await bodyOf(req);
  const limit = LIMITS.maxBodyBytes;
  if (size > limit) return { ok: false, status: 413, detail: `Request body larger than ${limit} bytes` };
  const text = Buffer.concat(chunks).toString('utf8').trim();
  const contentType = req.headers['content-type'];
  if ((size > 0 || contentType !== undefined) && !isJsonType(contentType)) {
    return { ok: false, status: 415, detail: `Unsupported Media Type: send the body as application/json (got ${contentType ?? 'no Content-Type'})` };
  }
  if (text === '') return { ok: true, value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, status: 400, detail: `Invalid JSON body: ${(error as Error).message.slice(0, 200)}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      ok: false,
      status: 422,
      detail: [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object' }],
    };
  }
  const body = parsed as Record<string, unknown>;
  if (jsonDepth(body) > LIMITS.maxJsonDepth) {
    const field = tooDeepField(body);
    const msg = `JSON ${describeViolation({ limit: 'max_json_depth', max: LIMITS.maxJsonDepth })}`;
    return { ok: false, status: 422, detail: [{ type: 'value_error', loc: field === undefined ? ['body'] : ['body', field], msg }] };
  }
  return { ok: true, value: body };
}

export const notAString = (field: string): FieldIssue => ({ type: 'string_type', loc: ['body', field], msg: 'Input should be a valid string' });

export const tooLong = (field: string, max: number): FieldIssue => ({
  type: 'string_too_long',
  loc: ['body', field],
  msg: `String should have at most ${max} characters`,
});

/**
 * Reads the JSON object body and checks that each `required` field is a string (FastAPI's 422
 * items). Undefined means the request has been answered (400, 413, 415 or 422).
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
