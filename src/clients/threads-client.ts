import { GoldenPathFailure } from '../contract/failure-classes';
import { isThreadId } from '../contract/thread-ids';
import type { Http } from './auth-client';
import { excerpt, NetworkFailure } from './http-client';

/**
 * `POST /api/threads` (contract section 5), as the real page does before its first message.
 * The HTTP function is the caller's: the golden fixtures pass one that records evidence, the
 * load mode the plain client. The contract names no class for a thread that cannot be made:
 * a refused token is AUTH_FAILED, anything else the backend's health.
 */
export async function createThread(http: Http, backendUrl: string, accessToken: string, title: string, timeoutMs: number): Promise<string> {
  const url = `${backendUrl}/api/threads`;
  let res;
  try {
    res = await http(url, { method: 'POST', body: { title }, headers: { authorization: `Bearer ${accessToken}` }, timeoutMs });
  } catch (error) {
    if (error instanceof NetworkFailure) throw new GoldenPathFailure('BACKEND_UNHEALTHY', error.message);
    throw error;
  }
  const id = (res.json as { id?: unknown } | undefined)?.id;
  if (res.status === 401 || res.status === 403) throw new GoldenPathFailure('AUTH_FAILED', `POST ${url} answered HTTP ${res.status}: ${excerpt(res.text)}`);
  if ((res.status !== 200 && res.status !== 201) || typeof id !== 'string' || !isThreadId(id)) {
    throw new GoldenPathFailure('BACKEND_UNHEALTHY', `POST ${url} answered HTTP ${res.status} without a usable thread id: ${excerpt(res.text)}`);
  }
  return id;
}

/**
 * Whether `threadId` is the signed-in user's (contract 4.1: "known from the threads the client
 * created and from `GET /api/threads`"): the first page of `GET /api/threads`, where a thread
 * just created by another tab or test is listed, then the owner-checked `GET /api/threads/{id}`
 * (another user's thread or one that does not exist: 404 or 403, contract section 5).
 * Rejects when the backend answers neither way: then nobody can tell.
 */
export async function isOwnThread(http: Http, backendUrl: string, accessToken: string, threadId: string, timeoutMs: number): Promise<boolean> {
  const headers = { authorization: `Bearer ${accessToken}` };
  const listed = await http(`${backendUrl}/api/threads?limit=20&offset=0`, { headers, timeoutMs });
  const list = listed.json as { id?: unknown }[] | { threads?: { id?: unknown }[] } | undefined;
  const threads = Array.isArray(list) ? list : (list?.threads ?? []);
  if (listed.status === 200 && threads.some((t) => t?.id === threadId)) return true;
  const one = await http(`${backendUrl}/api/threads/${encodeURIComponent(threadId)}`, { headers, timeoutMs });
  if (one.status === 200) return (one.json as { id?: unknown } | undefined)?.id === threadId;
  if (one.status === 403 || one.status === 404) return false;
  throw new Error(`GET /api/threads/${threadId} answered HTTP ${one.status}: ${excerpt(one.text)}`);
}
