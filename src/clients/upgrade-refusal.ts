import type { ClientRequest, IncomingMessage } from 'node:http';

/** An HTTP answer given instead of a 101: its status, the opening of its body and its `Date` header. */
export interface UpgradeRefusal {
  status: number;
  bodyExcerpt: string;
  date: string | undefined;
}

/** Reads a refused upgrade's answer (its body for at most a second), then drops the request; `done` runs once. */
export function readRefusal(req: ClientRequest, res: IncomingMessage, done: (refusal: UpgradeRefusal) => void): void {
  let body = '';
  let read = false;
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    if (body.length < 300) body += chunk;
  });
  const end = () => {
    if (read) return;
    read = true;
    clearTimeout(cutOff);
    req.destroy();
    const date = res.headers.date;
    done({ status: res.statusCode ?? 0, bodyExcerpt: body.slice(0, 300).trim(), date: typeof date === 'string' ? date : undefined });
  };
  const cutOff = setTimeout(end, 1_000);
  cutOff.unref();
  res.on('end', end);
  res.on('error', end);
}
