import type { Clock } from '../../emulator/clock/Clock.ts';
import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import type { LicenseServer } from '../../license-server/createLicenseServer.ts';
import type { Transport } from './Transport.ts';

export interface MemoryTransportOptions {
  readonly server: Pick<LicenseServer, 'serveLink'>;
  /** When given, frames take effect through its ordered delivery, in send order, as over MQTT. */
  readonly clock?: Clock;
}

/** Each device on its own in-memory wire to the license server: no broker, no sockets. */
export function createMemoryTransport(options: MemoryTransportOptions): Transport {
  const { server, clock } = options;
  const detach: (() => void)[] = [];
  // One count for every wire: the order is the order frames were sent, whoever sent them.
  let sent = 0;
  const deliver = clock === undefined ? undefined : (fn: () => void): void => clock.deliver(sent++, fn);
  return {
    name: 'memory',
    async attach() {
      const pair = createMemoryLinkPair({ deliver });
      detach.push(server.serveLink(pair.b));
      return { link: pair.a, setUp: (up) => pair.setUp(up) };
    },
    async close() {
      for (const d of detach.splice(0)) d();
    },
  };
}
