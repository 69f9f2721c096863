import type { ServerResponse } from 'node:http';

/** Every answer of the auth service and the backend is JSON, errors included (FastAPI style). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** A JSON answer built apart from the response, so that it can be decided on data (the health endpoints). */
export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

export function sendAnswer(res: ServerResponse, answer: JsonAnswer): void {
  sendJson(res, answer.status, answer.body);
}

/** FastAPI's 422 item: what the real services answer for a missing or mistyped field. */
export interface FieldIssue {
  type: 'missing' | 'string_type' | 'string_too_long' | 'list_type' | 'int_parsing' | 'value_error';
  loc: (string | number)[];
  msg: string;
}

export function sendUnprocessable(res: ServerResponse, issues: FieldIssue[]): void {
  sendJson(res, 422, { detail: issues });
}

export function sendNotFound(res: ServerResponse): void {
  sendJson(res, 404, { detail: 'Not Found' });
}

export function sendMethodNotAllowed(res: ServerResponse): void {
  sendJson(res, 405, { detail: 'Method Not Allowed' });
}
