import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * One `upgrade` listener for the HTTP server, dispatching WebSocket upgrades by path (`/mqtt`,
 * `/api/v1/live`); an upgrade to any other path is answered 404 and its socket closed.
 */
export function upgradeRoutes(http: Server, routes: ReadonlyMap<string, UpgradeHandler>): void {
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that resets mid-handshake must not take the process down with an unheard 'error'.
    socket.on('error', () => socket.destroy());
    const handler = routes.get(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (handler === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    handler(request, socket, head);
  });
}
