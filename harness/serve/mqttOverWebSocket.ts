import type { Server } from 'node:http';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { EmbeddedBroker } from '../../broker/createBroker.ts';

/**
 * MQTT over WebSocket at `path` of an HTTP server, for browsers: each upgrade becomes one more
 * connection of the embedded broker. Upgrades to any other path are refused.
 */
export function mqttOverWebSocket(http: Server, broker: EmbeddedBroker, path = '/mqtt'): { close(): Promise<void> } {
  const sockets = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => broker.accept(createWebSocketStream(ws)));
  });
  return {
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
