import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { EmbeddedBroker } from '../../broker/createBroker.ts';

/**
 * MQTT over WebSocket, for browsers: each upgrade routed here (`/mqtt`, see upgradeRoutes.ts)
 * becomes one more connection of the embedded broker.
 */
export function mqttOverWebSocket(broker: EmbeddedBroker): {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
} {
  const sockets = new WebSocketServer({ noServer: true });
  return {
    handleUpgrade(request, socket, head) {
      sockets.handleUpgrade(request, socket, head, (ws) => broker.accept(createWebSocketStream(ws)));
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
