import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueCertificate } from '../../../protocol/deviceCertificate.ts';
import { signingKeyFromSeed } from '../../../protocol/signing/ed25519.ts';
import { unwrap } from '../../../protocol/result.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { gatewayModule } from './gatewayModule.ts';
import { invalidationRequest } from './testing/gatewayPortalRig.ts';

describe('gateway portal: invalidate', () => {
  let t: TestServer;
  let ids: string[];
  beforeEach(async () => {
    t = await createTestServer();
    ids = await t.activated('acme', [{ featureCode: 'A', count: 1 }, { featureCode: 'B', count: 2 }]);
    for (const licenseId of ids) unwrap(await t.server.portal(gatewayModule).bind({ licenseId, hardwareId: t.device('gw1').hardwareId }));
    unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: t.device('gw1').hardwareId }));
  });
  afterEach(async () => {
    await t.close();
  });

  it('[GW-6] returns licenses from a device with a valid certificate; they can then be bound elsewhere', async () => {
    const gw1 = t.device('gw1');
    expect(await t.server.portal(gatewayModule).invalidate(invalidationRequest(gw1, [ids[0]!]))).toEqual({ ok: true, value: [ids[0]] });
    expect(unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: gw1.hardwareId }))).toHaveLength(1);
    expect((await t.server.portal(gatewayModule).bind({ licenseId: ids[0]!, hardwareId: t.device('gw2').hardwareId })).ok).toBe(true);
    const entry = (await t.server.audit()).find((e) => e.action === 'license.invalidate');
    expect(entry).toMatchObject({ actor: `device:${gw1.hardwareId}`, outcome: 'ok', detail: { licenseIds: [ids[0]], serialNumber: gw1.serialNumber } });
    expect((entry!.detail.revokedNonces as string[]).length).toBe(1);
  });

  it('[GW-6] refuses a certificate the manufacturer did not issue, and logs the refusal', async () => {
    const gw1 = t.device('gw1');
    const forger = signingKeyFromSeed(new Uint8Array(32).fill(9));
    const forged = issueCertificate({ hardwareId: gw1.hardwareId, serialNumber: 'X', devicePublicKey: forger.publicKey, issuedAt: 0 }, forger);
    const request = { ...invalidationRequest(gw1, ids), certificate: forged };
    expect(await t.server.portal(gatewayModule).invalidate(request)).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    expect(unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: gw1.hardwareId }))).toHaveLength(2);
    expect((await t.server.audit()).at(-2)).toMatchObject({ action: 'license.invalidate', outcome: 'refused', detail: { code: 'CERTIFICATE_INVALID' } });
  });

  it('[GW-6] refuses one device acting for another, and a proof made for another request', async () => {
    const gw1 = t.device('gw1');
    const gw2 = t.device('gw2');
    const asOther = { ...invalidationRequest(gw2, ids), hardwareId: gw1.hardwareId };
    expect(await t.server.portal(gatewayModule).invalidate(asOther)).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    const replayed = { ...invalidationRequest(gw1, ids, 'req-1'), requestId: 'req-2' };
    expect(await t.server.portal(gatewayModule).invalidate(replayed)).toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
  });

  it('[GW-6] invalidates all or nothing: one license not on the device refuses the lot', async () => {
    const gw1 = t.device('gw1');
    const [other] = await t.activated('acme', [{ featureCode: 'C', count: 1 }]);
    const result = await t.server.portal(gatewayModule).invalidate(invalidationRequest(gw1, [ids[0]!, other!], 'req-a'));
    expect(result).toMatchObject({ ok: false, error: { code: 'LICENSE_NOT_BOUND', where: 'licenseIds.1' } });
    expect(await t.server.portal(gatewayModule).invalidate(invalidationRequest(gw1, ['nope'], 'req-b'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'licenseIds.0' } });
    expect(unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: gw1.hardwareId }))).toHaveLength(2);
  });

  it('refuses malformed requests, naming the field', async () => {
    const good = invalidationRequest(t.device('gw1'), ids);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, licenseIds: [] }, 'licenseIds'],
      [{ ...good, licenseIds: [''] }, 'licenseIds.0'],
      [{ ...good, proof: undefined }, 'proof'],
      [{ ...good, requestId: 'r'.repeat(65) }, 'requestId'],
    ];
    for (const [input, where] of cases) {
      expect(await t.server.portal(gatewayModule).invalidate(input as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where } });
    }
  });

  it('[TM-3] refuses a request without a certificate as CERTIFICATE_MISSING, and logs the refusal', async () => {
    const request = { ...invalidationRequest(t.device('gw1'), ids), certificate: '' };
    expect(await t.server.portal(gatewayModule).invalidate(request)).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_MISSING', where: 'certificate' } });
    expect((await t.server.audit()).at(-1)).toMatchObject({ action: 'license.invalidate', outcome: 'refused', detail: { code: 'CERTIFICATE_MISSING' } });
  });

  it('[TM-3] refuses a captured invalidation sent again after the license was bound back, changing nothing', async () => {
    const gw1 = t.device('gw1');
    const captured = invalidationRequest(gw1, [ids[0]!], 'captured-1');
    expect(await t.server.portal(gatewayModule).invalidate(captured)).toEqual({ ok: true, value: [ids[0]] });
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: ids[0]!, hardwareId: gw1.hardwareId }));
    expect(await t.server.portal(gatewayModule).invalidate(captured)).toMatchObject({ ok: false, error: { code: 'REQUEST_REPLAYED', where: 'requestId' } });
    expect(unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: gw1.hardwareId }))).toHaveLength(2);
    expect((await t.server.audit()).at(-2)).toMatchObject({ action: 'license.invalidate', outcome: 'refused', detail: { code: 'REQUEST_REPLAYED' } });
  });
});
