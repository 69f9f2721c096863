/**
 * The one guard of the platform: whatever a request handler, a socket handler or a timer throws
 * that nobody expected is logged and becomes that client's error answer, never a process exit
 * that would take every other user's sockets and all three services with it.
 */
export function reportUnexpected(what: string, error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${what} failed: ${text.slice(0, 2000)}\n`);
}

/** `fn` behind the guard; `answer` tells the client, and is itself guarded. */
export function guarded<A extends unknown[]>(what: string, fn: (...args: A) => void, answer: (error: unknown) => void): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch (error) {
      reportUnexpected(what, error);
      try {
        answer(error);
      } catch (second) {
        reportUnexpected(`${what} (answering the client)`, second);
      }
    }
  };
}
