import { describe, it, expect } from 'vitest';
import { proofText, verifyDeviceProof } from '../../protocol/deviceCertificate.ts';
import { smartserverProofSubject, type SmartServerOp } from '../../protocol/messages/smartserver.ts';
import { unwrap } from '../../protocol/result.ts';
import { createSmartServerRig, RIG_CUSTOMER_ID } from './testing/smartserverRig.ts';

describe('SmartServer requests to the cloud', () => {
  it('[SS-4] [SS-5] [SS-6] prove each request with the certificate, for its own install code and that request alone', async () => {
    const rig = createSmartServerRig();
    await rig.boot();
    rig.saveCustomerId();
    const cap = rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count: 100 });
    await rig.activate([cap]);
    unwrap(await rig.device.cloud.transferToCloud({ confirm: true }));

    expect(rig.portal.requests.map((r) => r.op)).toEqual(['smartserver.list', 'smartserver.activate', 'smartserver.transfer']);
    const { hardwareId, installCode } = rig.identity;
    for (const request of rig.portal.requests) {
      const body = request.body as { installCode: string; customerId?: string; licenseIds?: string[]; certificate: string; proof: string };
      expect(body).toMatchObject({ installCode, hardwareId, certificate: rig.identity.certificate });
      const op = request.op as SmartServerOp;
      const verify = (requestId: string) => verifyDeviceProof({
        certificate: body.certificate,
        manufacturerPublicKey: rig.factory.manufacturerPublicKey,
        hardwareId,
        proof: body.proof,
        text: proofText(op, requestId, hardwareId, smartserverProofSubject(op, body)),
      });
      expect(verify(request.id)).toMatchObject({ ok: true, value: { installCode } });
      expect(verify('another-request')).toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
    }
  });
});
