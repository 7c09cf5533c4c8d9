import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { EmbeddedBroker } from '../../broker/createBroker.ts';
import { MAX_PACKET_BYTES } from '../../broker/packetGuard.ts';

/**
 * MQTT over WebSocket, for browsers: each upgrade routed here (`/mqtt`, see upgradeRoutes.ts)
 * becomes one more connection of the embedded broker.
 */
export function mqttOverWebSocket(broker: EmbeddedBroker): {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
} {
  // ws buffers a whole message before the broker sees a byte of it (100 MiB by default): no
  // message may be larger than the largest packet the broker reads.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_PACKET_BYTES });
  return {
    handleUpgrade(request, socket, head) {
      sockets.handleUpgrade(request, socket, head, (ws) => broker.accept(createWebSocketStream(ws), `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`));
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
