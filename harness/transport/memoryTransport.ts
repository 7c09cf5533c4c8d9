import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import type { LicenseServer } from '../../license-server/createLicenseServer.ts';
import type { Transport } from './Transport.ts';

/** Each device on its own in-memory wire to the license server: no broker, no sockets. */
export function createMemoryTransport(server: LicenseServer): Transport {
  const detach: (() => void)[] = [];
  return {
    name: 'memory',
    async attach() {
      const pair = createMemoryLinkPair();
      detach.push(server.serveLink(pair.b));
      return { link: pair.a, setUp: (up) => pair.setUp(up) };
    },
    async close() {
      for (const d of detach.splice(0)) d();
    },
  };
}
