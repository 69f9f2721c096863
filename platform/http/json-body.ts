import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export type JsonBody =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 422; detail: unknown };

/**
 * Reads a request body that must be a JSON object. An empty body reads as `{}` so that the
 * field checks answer 422 for what is missing, as FastAPI does; malformed JSON is 400 and an
 * oversized body 413, each as JSON, never a crash.
 */
export async function readJsonObject(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<JsonBody> {
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
