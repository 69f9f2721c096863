import type { IncomingMessage } from 'node:http';
import { bearerToken } from '../jwt';

const JWT_PREFIX = 'jwt.';

/**
 * Section 4: the browser offers `["jwt-auth", "jwt.<base64url(JWT)>"]` and the server MUST echo
 * the exact `jwt.…` entry; `false` sends no subprotocol, which a client that offered one sees
 * as a mismatch.
 */
export function pickProtocol(offered: ReadonlySet<string>): string | false {
  for (const protocol of offered) if (protocol.startsWith(JWT_PREFIX) && protocol.length > JWT_PREFIX.length) return protocol;
  return offered.has('jwt-auth') ? 'jwt-auth' : false;
}

/** `jwt.<base64url of the JWT, no padding>`, or the raw JWT after `jwt.` (it has two dots). */
function tokenFromProtocol(protocol: string): string | undefined {
  const value = protocol.slice(JWT_PREFIX.length);
  if (value.split('.').length === 3) return value;
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  return decoded.split('.').length === 3 ? decoded : undefined;
}

/** The token the client presented: the subprotocol first, else `Authorization: Bearer`. */
export function handshakeToken(req: IncomingMessage): string | undefined {
  const header = req.headers['sec-websocket-protocol'];
  const offered = (header ?? '').split(',').map((p) => p.trim());
  for (const protocol of offered) {
    if (protocol.startsWith(JWT_PREFIX)) {
      const token = tokenFromProtocol(protocol);
      if (token) return token;
    }
  }
  return bearerToken(req.headers.authorization);
}
