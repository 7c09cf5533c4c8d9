import { Aedes } from 'aedes';
import type { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Clock } from '../emulator/clock/Clock.ts';
import type { Credentials } from './credentials.ts';
import { createPolicy } from './policy.ts';
import { streamPair, wholeReads } from './streamPair.ts';
import type { RefusalLogger } from './policy.ts';

export interface EmbeddedBrokerOptions {
  readonly credentials: Credentials;
  /** Where refused connects, publishes and subscribes are reported; stderr by default. */
  readonly log?: RefusalLogger;
  /** Stamps refusals. aedes' own keepalive and heartbeat timers stay on the wall clock. */
  readonly clock?: Clock;
}

/**
 * aedes in this process, with fleetrig's credentials and topic ACL. Clients reach it over TCP
 * (`listen`) or, for large fleets and tests, through in-process streams with no socket at all
 * (`connectStream`).
 */
export interface EmbeddedBroker {
  /** Opens a TCP listener; port 0 picks a free one. Only one listener per broker. */
  listen(port?: number, host?: string): Promise<{ port: number; host: string }>;
  /** A fresh in-process connection: hand it to mqtt.js (see connectMqtt's `stream`). */
  connectStream(): Duplex;
  /** Serves a connection that arrived some other way (MQTT over a WebSocket, say). */
  accept(connection: Duplex): void;
  /** How many connects, publishes and subscribes were refused so far. */
  refusals(): number;
  /** MQTT clients connected now (authenticated ones). */
  clients(): number;
  /** Disconnects every client and closes the listener. Safe to call twice. */
  close(): Promise<void>;
}

export async function createEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const policy = createPolicy(options);
  const aedes = await Aedes.createBroker({
    authenticate: policy.authenticate,
    authorizePublish: policy.authorizePublish,
    authorizeSubscribe: policy.authorizeSubscribe,
  });
  // aedes emits 'error' when a stale will cannot be republished; unheard, that would crash
  // the process. The refusal behind it has already been logged.
  (aedes as EventEmitter).on('error', () => {});

  const connections = new Set<Duplex>();
  let server: Server | undefined;
  let closing: Promise<void> | undefined;

  function track(connection: Duplex): void {
    connections.add(connection);
    connection.once('close', () => connections.delete(connection));
  }

  async function shutDown(): Promise<void> {
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    // Connections that never sent CONNECT are not aedes clients yet; end them here.
    for (const connection of connections) connection.destroy();
    if (server !== undefined) {
      const listening = server;
      await new Promise<void>((resolve) => listening.close(() => resolve()));
    }
  }

  return {
    async listen(port = 0, host = '127.0.0.1') {
      if (server !== undefined) throw new Error('embedded broker: listen() was already called');
      if (closing !== undefined) throw new Error('embedded broker: listen() after close()');
      const listener = createServer((socket) => {
        // Without TCP_NODELAY a QoS 1 round trip waits on Nagle + delayed ACK (40–90 ms).
        socket.setNoDelay(true);
        track(socket);
        aedes.handle(wholeReads(socket));
      });
      server = listener;
      await new Promise<void>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(port, host, () => {
          listener.off('error', reject);
          resolve();
        });
      });
      listener.on('error', () => {});
      const address = listener.address() as AddressInfo;
      return { port: address.port, host: address.address };
    },

    connectStream() {
      const [brokerSide, clientSide] = streamPair();
      // A pair's sides do not close each other; a dropped connection must look dropped on
      // both ends, or aedes never publishes the last will.
      brokerSide.once('close', () => clientSide.destroy());
      clientSide.once('close', () => brokerSide.destroy());
      if (closing !== undefined) {
        clientSide.destroy();
        return clientSide;
      }
      track(brokerSide);
      aedes.handle(brokerSide);
      return clientSide;
    },

    accept(connection) {
      if (closing !== undefined) {
        connection.destroy();
        return;
      }
      track(connection);
      aedes.handle(wholeReads(connection));
    },

    refusals: () => policy.refusals(),
    clients: () => aedes.connectedClients,

    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
