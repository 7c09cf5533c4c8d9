import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { createFactory, manufacture } from '../../emulator/identity/manufacture.ts';
import type { Identity } from '../../emulator/identity/Identity.ts';
import { proofText, signProof } from '../../protocol/deviceCertificate.ts';
import { unwrap } from '../../protocol/result.ts';
import { createLicenseServer, type LicenseServer } from '../createLicenseServer.ts';
import { openSqliteStore } from '../store/sqliteStore.ts';
import type { Store } from '../store/Store.ts';

export interface TestServer {
  server: LicenseServer;
  clock: VirtualClock;
  store: Store;
  /** A manufactured device identity (hardware ID, certificate, key), the same per name and seed. */
  device(name: string): Identity;
  /** Orders `items` for `accountId` and activates the key; returns the new licenses' IDs. */
  activated(accountId: string, items: { featureCode: string; count: number; termDays?: number | null }[]): Promise<string[]>;
  /** A GW-6 invalidation request signed by the device, as its firmware would send it. */
  invalidation(device: Identity, licenseIds: string[], requestId?: string): {
    hardwareId: string; licenseIds: string[]; certificate: string; proof: string; requestId: string;
  };
  /** A GW-8 test-license request body signed by the device for request `requestId`. */
  testLicenseRequest(device: Identity, requestId: string): { hardwareId: string; certificate: string; proof: string };
  close(): Promise<void>;
}

/** A license server on a virtual clock and an in-memory store, with a device factory beside it. */
export async function createTestServer(options: { seed?: string; store?: Store } = {}): Promise<TestServer> {
  const random = createRandom(options.seed ?? 'license-server-test');
  const clock = new VirtualClock();
  const factory = createFactory({ random: random.fork('factory'), clock });
  const store = options.store ?? openSqliteStore({ path: ':memory:' });
  const server = await createLicenseServer({ store, clock, random: random.fork('server'), manufacturerPublicKey: factory.manufacturerPublicKey });
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
      const order = unwrap(await server.gateway.createOrder({ accountId, items }));
      const licenses = unwrap(await server.gateway.activate({ accountId, activationKey: order.activationKey }));
      return licenses.map((l) => l.id);
    },
    invalidation(device, licenseIds, requestId = 'req-1') {
      const proof = signProof(device.deviceKey, proofText('gateway.invalidate', requestId, device.hardwareId, licenseIds));
      return { hardwareId: device.hardwareId, licenseIds, certificate: device.certificate, proof, requestId };
    },
    testLicenseRequest(device, requestId) {
      const proof = signProof(device.deviceKey, proofText('gateway.testLicense', requestId, device.hardwareId, []));
      return { hardwareId: device.hardwareId, certificate: device.certificate, proof };
    },
    async close() {
      await server.close();
      await store.close();
    },
  };
}
