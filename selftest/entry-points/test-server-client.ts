import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';

/**
 * Playwright's test server, as UI mode and the VS Code extension drive it: `playwright
 * test-server` loads the config with a command line holding neither `test` nor `--project`,
 * and takes JSON requests over a WebSocket (`{id, method, params}` → `{id, result|error}`,
 * events as `{method, params}`). Killed at its deadline; every wait is bounded.
 */
const ROOT = path.resolve(__dirname, '../..');

export interface TestServer {
  request<T = unknown>(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  output(): string;
  close(): Promise<void>;
}

export async function startTestServer(env: NodeJS.ProcessEnv, deadlineMs: number): Promise<TestServer> {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test-server', '--port', '0', '-c', 'playwright.config.ts'], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const killer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), deadlineMs);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`test server did not listen within 20 s:\n${output}`)), 20_000);
    const read = (d: Buffer) => {
      output += d.toString();
      const m = output.match(/Listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`test server exited with ${code}:\n${output}`)));
  });
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let lastId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: string };
    const waiter = message.id ? pending.get(message.id) : undefined;
    if (!waiter) return;
    pending.delete(message.id as number);
    if (message.error) waiter.reject(new Error(message.error));
    else waiter.resolve(message.result);
  });
  return {
    request<T>(method: string, params: Record<string, unknown> = {}, timeoutMs = 60_000) {
      const id = ++lastId;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method} did not answer within ${timeoutMs} ms:\n${output}`)), timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      });
    },
    output: () => output,
    async close() {
      ws.close();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin?.end(); // the test server exits when its stdin closes
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
      clearTimeout(killer);
    },
  };
}
