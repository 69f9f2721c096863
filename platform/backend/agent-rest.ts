import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireAccessToken } from '../http/bearer-auth';
import { readFields } from '../http/request';
import { sendJson, sendMethodNotAllowed } from '../http/respond';
import type { TokenService } from '../jwt';

export const AGENT_REST_PATH = '/api/agent/v2/execute';

/**
 * `POST /api/agent/v2/execute`: the real backend's REST agent endpoint, where the real page
 * sends some messages instead of its socket (contract section 4). Its request model is not the
 * page's, so what such a page gets is FastAPI's 422 for the fields it lacks, as on the real
 * platform. The reference backend runs agents only on the socket: a body that passes validation
 * is told so (501). Returns false for any other path.
 */
export async function handleAgentRest(req: IncomingMessage, res: ServerResponse, path: string, tokens: TokenService): Promise<boolean> {
  if (path !== AGENT_REST_PATH) return false;
  if (req.method !== 'POST') {
    sendMethodNotAllowed(res);
    return true;
  }
  if (!(await requireAccessToken(req, res, tokens))) return true;
  if (!(await readFields(req, res, ['agent_type', 'request']))) return true;
  sendJson(res, 501, { detail: 'The reference platform runs agents on its socket only (/ws)' });
  return true;
}
