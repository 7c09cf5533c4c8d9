import { addDuration } from '../../../emulator/clock/duration.ts';
import { createRandom } from '../../../emulator/random/Random.ts';
import { proofText, verifyDeviceProof } from '../../../protocol/deviceCertificate.ts';
import { sealLicenseFile, type LicensePayload } from '../../../protocol/licenseFile.ts';
import { gatewayOps } from '../../../protocol/messages/gateway.ts';
import { createApplianceRig, type RigOptions } from '../../shared/testing/applianceRig.ts';
import { createGateway } from '../createGateway.ts';
import { BOOT_TIME_MS } from '../gatewayMachine.ts';

/**
 * One gateway on a real emulated board (FlashNvram, SupplyPower, memory link) in virtual time,
 * with the vendor key that signs its license files and a scripted portal on the far end of its
 * wire: the starting point of every gateway test. The portal binds licenses to hardware IDs,
 * seals a fresh file per download, checks invalidation proofs and issues one test license per
 * device.
 */
export function createGatewayRig(options: RigOptions = {}) {
  const rig = createApplianceRig({
    id: 'gw-001',
    family: 'gateway',
    seed: options.seed ?? 'gateway-rig',
    bootTimeMs: BOOT_TIME_MS,
    build: ({ board, vendorKey }) => createGateway({ board, vendorPublicKey: vendorKey.publicKey, replyTimeoutMs: options.replyTimeoutMs }),
  });
  const { clock, identity, vendorKey } = rig;
  const nonces = rig.random.fork('nonces');
  let serial = 0;

  /** A license file for this board (or another hardware ID), signed by the vendor. */
  const licenseFile = (overrides: Partial<LicensePayload> = {}): string =>
    sealLicenseFile(
      {
        licenseId: `LIC-${++serial}`,
        hardwareId: identity.hardwareId,
        featureCode: 'Mobility',
        count: 2,
        start: clock.now(),
        end: null,
        transactionType: 'New',
        kind: 'standard',
        nonce: nonces.hex(8),
        issuedAt: clock.now(),
        ...overrides,
      },
      vendorKey,
    );

  return { ...rig, portal: scriptGatewayPortal(rig), licenseFile };
}

/** The gateway ops of the rig's portal, with the bindings they answer from. */
function scriptGatewayPortal(rig: ReturnType<typeof createApplianceRig>) {
  const { portal, clock, vendorKey } = rig;
  const bindings = new Map<string, { hardwareId: string; featureCode: string; count: number }>();
  const testIssued = new Map<string, string>();
  const nonces = createRandom('portal-nonces');
  let manufacturerPublicKey = rig.factory.manufacturerPublicKey;
  const issue = (payload: Omit<LicensePayload, 'nonce' | 'issuedAt'>) =>
    sealLicenseFile({ ...payload, nonce: nonces.hex(8), issuedAt: clock.now() }, vendorKey);

  portal.answer(gatewayOps.download.op, (request) => {
    const hardwareId = String(request.body.hardwareId);
    const files = [...bindings].filter(([, b]) => b.hardwareId === hardwareId).map(([licenseId, b]) =>
      issue({ licenseId, ...b, start: 0, end: null, transactionType: 'New', kind: 'standard' }));
    return { ok: true, body: { files } };
  });
  portal.answer(gatewayOps.invalidate.op, (request) => {
    const hardwareId = String(request.body.hardwareId);
    const body = gatewayOps.invalidate.request.parse(request.body);
    const text = proofText(request.op, request.id, hardwareId, body.licenseIds);
    const verified = verifyDeviceProof({ certificate: body.certificate, manufacturerPublicKey, hardwareId, proof: body.proof, text });
    if (!verified.ok) return { ok: false, error: { code: verified.error.code, message: verified.error.message } };
    const invalidated = body.licenseIds.filter((id) => bindings.get(id)?.hardwareId === hardwareId);
    for (const id of invalidated) bindings.delete(id);
    return { ok: true, body: { invalidated } };
  });
  portal.answer(gatewayOps.testLicense.op, (request) => {
    const hardwareId = String(request.body.hardwareId);
    if (testIssued.has(hardwareId)) return { ok: false, error: { code: 'TEST_LICENSE_ALREADY_ISSUED', message: `hardware ${hardwareId} already had its test license` } };
    const now = clock.now();
    const file = issue({ licenseId: `TEST-${hardwareId}`, hardwareId, featureCode: 'Mobility', count: 10, start: now, end: addDuration(now, { months: 3, ms: 0 }), transactionType: 'Trial', kind: 'test' });
    testIssued.set(hardwareId, file);
    return { ok: true, body: { file } };
  });

  return Object.assign(portal, {
    /** Binds a license to a hardware ID (this board's by default), as the portal's admin does. */
    bind: (licenseId: string, featureCode: string, count: number, hardwareId = rig.identity.hardwareId) => void bindings.set(licenseId, { hardwareId, featureCode, count }),
    /** [GW-3] moves a bound license to another hardware ID. */
    move: (licenseId: string, hardwareId: string) => void bindings.set(licenseId, { ...bindings.get(licenseId)!, hardwareId }),
    isBound: (licenseId: string) => bindings.has(licenseId),
    /** Checks device certificates against another key, so the board's own is refused. */
    distrustManufacturer: () => void (manufacturerPublicKey = vendorKey.publicKey),
  });
}
