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
