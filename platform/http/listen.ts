import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens and resolves the port actually bound (port 0 = ephemeral, for tests). */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Closes promptly: keep-alive connections are cut rather than waited for, because tests start
 * and stop the platform many times. Upgraded sockets are not tracked by the HTTP server and
 * are closed by their owners.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** URLs name `localhost` when bound to loopback, as the contract's local defaults do (section 1). */
export function publicHost(host: string): string {
  return host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
}
