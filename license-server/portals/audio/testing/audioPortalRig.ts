import { audioOps, audioProofSubject } from '../../../../protocol/messages/audio.ts';
import { proofText, signProof } from '../../../../protocol/deviceCertificate.ts';
import { unwrap } from '../../../../protocol/result.ts';
import type { CreateOrderInput } from '../../../core/createOrder.ts';
import { createTestServer, type TestServer } from '../../../testing/createTestServer.ts';
import type { Store } from '../../../store/Store.ts';
import type { PortalActor } from '../portalUsers.ts';
import { PortalRole } from '../portalUsers.ts';
import { audioModule } from '../audioModule.ts';

type Items = CreateOrderInput['items'];

/**
 * A license server on a virtual clock with account `acme` and its first user `olive`, who holds
 * every role: the starting point of the device-management portal's tests.
 */
export async function createAudioPortalRig(options: { store?: Store } = {}) {
  const t: TestServer = await createTestServer({ seed: 'audio-test', store: options.store });
  const portal = t.server.portal(audioModule);
  const admin: PortalActor = { accountId: 'acme', user: 'olive' };
  unwrap(await portal.putUser(admin, { name: 'olive', roles: [PortalRole.AccountAdmin, PortalRole.LicenseAdmin, PortalRole.DeviceAdmin] }));
  let requests = 0;

  /** An order for acme placed at the vendor; returns its activation key. */
  const key = async (items: Items): Promise<string> => unwrap(await t.server.core.createOrder({ accountId: 'acme', items })).activationKey;

  return {
    t,
    clock: t.clock,
    portal,
    admin,
    key,
    /** Orders `items` and activates the key as olive, agreement accepted. */
    async activate(items: Items) {
      return unwrap(await portal.activate(admin, { activationKey: await key(items), acceptAgreement: true }));
    },
    /** A user of acme with just these roles. */
    async user(name: string, roles: PortalRole[]): Promise<PortalActor> {
      unwrap(await portal.putUser(admin, { name, roles }));
      return { accountId: 'acme', user: name };
    },
    /** A device request body as an audio device's firmware signs it. */
    signed(device: string, op: 'enroll' | 'unenroll' | 'heartbeat', extra: { accountId?: string; provisioningToken?: string } = {}) {
      const identity = t.device(device);
      const requestId = `req-${++requests}`;
      const body = op === 'enroll' ? { deviceKind: 'audio' as const, ...extra } : {};
      const subject = audioProofSubject(audioOps[op].op, body);
      const proof = signProof(identity.deviceKey, proofText(audioOps[op].op, requestId, identity.hardwareId, subject));
      return { ...body, hardwareId: identity.hardwareId, certificate: identity.certificate, proof, requestId };
    },
    /** Enrols an audio device with acme using acme's provisioning token. */
    async enroll(device: string) {
      const { provisioningToken } = unwrap(await portal.provisioningToken(admin));
      const body = this.signed(device, 'enroll', { accountId: 'acme', provisioningToken });
      return portal.enroll(body as typeof body & { accountId: string; provisioningToken: string; deviceKind: 'audio' });
    },
    close: () => t.close(),
  };
}

export type AudioPortalRig = Awaited<ReturnType<typeof createAudioPortalRig>>;
