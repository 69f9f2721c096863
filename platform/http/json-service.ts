import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { handleCors } from './cors';
import { sendJson } from './respond';

/**
 * The HTTP side of the auth service and the backend: CORS first, then `handle`. A handler that
 * throws, at once or later, must never take the service down: it is logged and answered 500
 * as JSON, and the service keeps serving.
 */
export function jsonService(name: string, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void): Server {
  return createServer((req, res) => {
    if (handleCors(req, res)) return;
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((error: unknown) => {
        process.stderr.write(`${name}: ${req.method} ${req.url} failed: ${String(error)}\n`);
        sendJson(res, 500, { detail: 'Internal server error' });
      });
  });
}
