import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { createFactory, manufacture } from '../../emulator/identity/manufacture.ts';
import type { Identity } from '../../emulator/identity/Identity.ts';
import { unwrap } from '../../protocol/result.ts';
import { createLicenseServer, type LicenseServer } from '../createLicenseServer.ts';
import { openSqliteStore } from '../store/sqliteStore.ts';
import type { Store } from '../store/Store.ts';
import type { PortalModule } from '../portals/PortalModule.ts';
import type { CreateApiTokenInput } from '../auth/createApiToken.ts';

export interface TestServer {
  server: LicenseServer;
  clock: VirtualClock;
  store: Store;
  /** A manufactured device identity (hardware ID, certificate, key), the same per name and seed. */
  device(name: string): Identity;
  /** Orders `items` for `accountId` and activates the key; returns the new licenses' IDs. */
  activated(accountId: string, items: { featureCode: string; count: number; termDays?: number | null }[]): Promise<string[]>;
  /** Mints an API token in process and returns its bearer secret. */
  token(input: CreateApiTokenInput): Promise<string>;
  close(): Promise<void>;
}

/** A license server on a virtual clock and an in-memory store, with a device factory beside it. */
export async function createTestServer(options: { seed?: string; store?: Store; portals?: readonly PortalModule<unknown>[] } = {}): Promise<TestServer> {
  const random = createRandom(options.seed ?? 'license-server-test');
  const clock = new VirtualClock();
  const factory = createFactory({ random: random.fork('factory'), clock });
  const store = options.store ?? openSqliteStore({ path: ':memory:' });
  const server = await createLicenseServer({
    store, clock, random: random.fork('server'), manufacturerPublicKey: factory.manufacturerPublicKey, portals: options.portals,
  });
  const devices = new Map<string, Identity>();
  return {
    server,
    clock,
    store,
    device(name) {
      let identity = devices.get(name);
      if (!identity) {
        identity = manufacture(factory, { random: random.fork(`device:${name}`), family: 'gateway' });
        devices.set(name, identity);
      }
      return identity;
    },
    async activated(accountId, items) {
      const order = unwrap(await server.core.createOrder({ accountId, items }));
      const licenses = unwrap(await server.core.activate({ accountId, activationKey: order.activationKey }));
      return licenses.map((l) => l.id);
    },
    async token(input) {
      return unwrap(await server.core.createToken(input)).token;
    },
    async close() {
      await server.close();
      await store.close();
    },
  };
}
