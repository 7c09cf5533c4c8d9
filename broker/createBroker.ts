import { Aedes } from 'aedes';
import type { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Clock } from '../emulator/clock/Clock.ts';
import { WallClock } from '../emulator/clock/wallClock.ts';
import type { Credentials } from './credentials.ts';
import { createPacketGuard } from './packetGuard.ts';
import { createPolicy } from './policy.ts';
import { streamPair, wholeReads } from './streamPair.ts';
import type { RefusalLogger } from './policy.ts';

export interface EmbeddedBrokerOptions {
  readonly credentials: Credentials;
  /** Where refused connects, publishes and subscribes are reported; stderr by default. */
  readonly log?: RefusalLogger;
  /** Stamps refusals. aedes' own keepalive, heartbeat and connect timers stay on the wall clock. */
  readonly clock?: Clock;
  /**
   * The sockets' real time, for dropping a packet left incomplete (packetGuard.ts); a WallClock by
   * default. Not the run's clock: a client goes quiet in wall time, however virtual time runs.
   */
  readonly timers?: Clock;
  /** Largest packet read from a socket, fixed header included; MAX_PACKET_BYTES by default. */
  readonly maxPacketBytes?: number;
  /** Wall-clock ms a packet may stay incomplete; PARTIAL_PACKET_MS by default. */
  readonly partialPacketMs?: number;
  /** Wall-clock ms from a connection's opening to its CONNECT; CONNECT_TIMEOUT_MS by default. */
  readonly connectTimeoutMs?: number;
}

/**
 * A few seconds from a socket's opening to its CONNECT (aedes waits 30 s by default): a client
 * sends CONNECT first thing, and one that does not holds a socket and a parser for nothing.
 */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * aedes in this process, with fleetrig's credentials and topic ACL. Clients reach it over TCP
 * (`listen`) or, for large fleets and tests, through in-process streams with no socket at all
 * (`connectStream`). What comes over a socket (`listen`, `accept`) passes the packet guard
 * (packetGuard.ts): at most MAX_PACKET_BYTES a packet, none left half-sent; in-process streams
 * carry this process's own clients, whose links refuse an oversized frame before sending it.
 */
export interface EmbeddedBroker {
  /** Opens a TCP listener; port 0 picks a free one. Only one listener per broker. */
  listen(port?: number, host?: string): Promise<{ port: number; host: string }>;
  /** A fresh in-process connection: hand it to mqtt.js (see connectMqtt's `stream`). */
  connectStream(): Duplex;
  /** Serves a connection that arrived some other way (MQTT over a WebSocket, say); `address` names its peer in refusals. */
  accept(connection: Duplex, address?: string): void;
  /** How many connects, publishes and subscribes were refused so far. */
  refusals(): number;
  /** MQTT clients connected now (authenticated ones). */
  clients(): number;
  /**
   * Stops the broker as a broker outage would: every client is disconnected, and every new
   * connection is closed at once, until `start()`. The listener keeps its port. Safe to call twice.
   */
  stop(): Promise<void>;
  /** A fresh broker behind the same listener and credentials after `stop()`: no sessions, nothing retained, as a restarted Mosquitto without persistence. */
  start(): Promise<void>;
  /** Whether it takes connections: not between stop() and start(), nor after close(). */
  isRunning(): boolean;
  /** Disconnects every client and closes the listener. Safe to call twice. */
  close(): Promise<void>;
}

export async function createEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const policy = createPolicy(options);
  const timers = options.timers ?? new WallClock();
  const connectTimeout = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const connections = new Set<Duplex>();
  // The peer address of each connection aedes serves, for refusals of clients without an ID.
  const addresses = new WeakMap<Duplex, string>();
  async function openAedes(): Promise<Aedes> {
    const opened = await Aedes.createBroker({
      // No cap on messages in flight through aedes' message bus (mqemitter). With a cap, the
      // messages over it queue, and mqemitter drains its queue by recursion — one stack frame
      // per queued message — so a burst of some thousands in one turn (a large fleet on the
      // in-process streams) ended in "Maximum call stack size exceeded". MQTT's own flow
      // control (QoS 1 in-flight windows) still bounds what each client has outstanding.
      concurrency: 0,
      connectTimeout,
      authenticate: policy.authenticate,
      authorizePublish: policy.authorizePublish,
      authorizeSubscribe: policy.authorizeSubscribe,
    });
    // aedes emits 'error' when a stale will cannot be republished; unheard, that would crash
    // the process. The refusal behind it has already been logged.
    (opened as EventEmitter).on('error', () => {});
    opened.on('connectionError', (client, error) => {
      if (error.message !== 'connect did not arrive in time') return;
      policy.refuse({ clientId: client.id ?? '', user: undefined, topic: undefined, action: 'connect', reason: `no CONNECT within ${connectTimeout} ms`, ...addressOf(client.conn) });
    });
    return opened;
  }
  let aedes = await openAedes();
  // Between stop() and start(): every connection is refused, as by a broker that is not running.
  let down = false;
  const addressOf = (conn: Duplex): { address?: string } => {
    const address = addresses.get(conn);
    return address === undefined ? {} : { address };
  };

  /**
   * Serves a connection from outside the process through the packet guard: an oversized,
   * malformed or stalled packet drops it before aedes buffers it, and the refusal is logged.
   */
  function serveGuarded(connection: Duplex, address: string | undefined): void {
    track(connection);
    const brokerSide = wholeReads(connection);
    if (address !== undefined) addresses.set(brokerSide, address);
    const guard = createPacketGuard({
      timers,
      ...(options.maxPacketBytes === undefined ? {} : { maxPacketBytes: options.maxPacketBytes }),
      ...(options.partialPacketMs === undefined ? {} : { partialPacketMs: options.partialPacketMs }),
      refuse(reason) {
        const clientId = (brokerSide as Duplex & { client?: { id?: string | null } }).client?.id ?? '';
        policy.refuse({ clientId, user: undefined, topic: undefined, action: 'packet', reason, ...(address === undefined ? {} : { address }) });
        connection.destroy();
      },
    });
    // Before wholeReads' pipe in the listeners, so a refused chunk is the last one aedes sees.
    connection.prependListener('data', (chunk: Buffer) => guard.watch(chunk));
    connection.once('close', () => guard.stop());
    aedes.handle(brokerSide);
  }
  let server: Server | undefined;
  let closing: Promise<void> | undefined;

  function track(connection: Duplex): void {
    connections.add(connection);
    connection.once('close', () => connections.delete(connection));
  }

  async function stopAedes(): Promise<void> {
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    // Connections that never sent CONNECT are not aedes clients yet; end them here.
    for (const connection of connections) connection.destroy();
  }

  async function shutDown(): Promise<void> {
    if (!down) await stopAedes();
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
        if (down) {
          socket.destroy();
          return;
        }
        serveGuarded(socket, `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`);
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
      if (closing !== undefined || down) {
        clientSide.destroy();
        return clientSide;
      }
      track(brokerSide);
      aedes.handle(brokerSide);
      return clientSide;
    },

    accept(connection, address) {
      if (closing !== undefined || down) {
        connection.destroy();
        return;
      }
      serveGuarded(connection, address);
    },

    refusals: () => policy.refusals(),
    clients: () => (down ? 0 : aedes.connectedClients),

    async stop() {
      if (down || closing !== undefined) return;
      down = true;
      await stopAedes();
    },

    async start() {
      if (!down || closing !== undefined) return;
      aedes = await openAedes();
      down = false;
    },

    isRunning: () => !down && closing === undefined,

    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
