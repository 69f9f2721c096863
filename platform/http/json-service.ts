import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { reportUnexpected } from '../guard';
import { type OriginPolicy, handleCors } from './cors';
import { type Route, bodyOf, routeOf, sendBadRequest } from './request';
import { sendJson } from './respond';

/**
 * The HTTP side of the auth service and the backend: CORS and Origin first, then the request
 * target, then `handle`. A handler that throws, at once or later, never takes the service
 * down: it is logged and answered 500 as JSON, and the service keeps serving.
 */
export function jsonService(
  name: string,
  origins: OriginPolicy,
  handle: (req: IncomingMessage, res: ServerResponse, route: Route) => Promise<void> | void,
): Server {
  return createServer((req, res) => {
    bodyOf(req)
      .then((body) => {
        if (body.aborted) return void res.destroy();
        if (handleCors(req, res, origins)) return;
        const route = routeOf(req);
        if (!route) return sendBadRequest(res, 'Malformed request target');
        return handle(req, res, route);
      })
      .catch((error: unknown) => {
        reportUnexpected(`${name}: ${req.method} ${String(req.url).slice(0, 200)}`, error);
        sendJson(res, 500, { detail: 'Internal server error' });
      });
  });
}
