import type { IncomingMessage, ServerResponse } from 'node:http';
import { type TokenClaims, type TokenService, bearerToken } from '../jwt';
import { sendJson } from './respond';

/**
 * `Authorization: Bearer <access token>` or 401, for `/auth/me` and the threads API alike.
 * Undefined means the request has been answered.
 */
export async function requireAccessToken(req: IncomingMessage, res: ServerResponse, tokens: TokenService): Promise<TokenClaims | undefined> {
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
