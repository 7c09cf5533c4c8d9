import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueCertificate } from '../../../protocol/deviceCertificate.ts';
import { unwrap } from '../../../protocol/result.ts';
import { signingKeyFromSeed } from '../../../protocol/signing/ed25519.ts';
import { smartserverPortalRig } from './testing/smartserverPortalRig.ts';

type Kit = Awaited<ReturnType<typeof smartserverPortalRig>>;

describe('SmartServer device ops proven by the server', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await smartserverPortalRig({ capacity: 2, maintenance: 0 });
  });
  afterEach(async () => kit.t.close());

  const list = (server: string, requestId: string, fields: { customerId?: string } = {}) =>
    ({ ...kit.serverBody({ server, op: 'smartserver.list', requestId, fields: { customerId: kit.customerId, ...fields } }), requestId });

  it('[SS-4] [SS-5] [SS-6] serves a server with its own certificate and a proof for this request', async () => {
    const [first] = kit.licenseIds;
    expect(unwrap(await kit.portal.fromServer.list(list('ss1', 'req-1'))).licenses).toHaveLength(2);
    const activation = { ...kit.serverBody({ server: 'ss1', op: 'smartserver.activate', requestId: 'req-2', fields: { customerId: kit.customerId, licenseIds: [first!] } }), requestId: 'req-2' };
    expect(unwrap(await kit.portal.fromServer.activate(activation))).toHaveLength(1);
    const transfer = { ...kit.serverBody({ server: 'ss1', op: 'smartserver.transfer', requestId: 'req-3' }), requestId: 'req-3' };
    expect(unwrap(await kit.portal.fromServer.transfer(transfer))).toMatchObject({ transferred: [first] });
  });

  it('[TM-3] refuses a server\'s request sent again, and logs the refusal', async () => {
    const captured = list('ss1', 'req-once');
    expect(unwrap(await kit.portal.fromServer.list(captured)).licenses).toHaveLength(2);
    expect(await kit.portal.fromServer.list(captured)).toMatchObject({ ok: false, error: { code: 'REQUEST_REPLAYED', where: 'requestId' } });
    expect((await kit.t.server.audit()).at(-1)).toMatchObject({ action: 'smartserver.list', outcome: 'refused', detail: { code: 'REQUEST_REPLAYED' } });
  });

  it('[TM-4] refuses a server\'s request without a certificate as CERTIFICATE_MISSING', async () => {
    expect(await kit.portal.fromServer.list({ ...list('ss1', 'req-bare'), certificate: '' })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_MISSING', where: 'certificate' } });
  });

  it('[SS-4] [SS-5] [SS-6] refuses a server naming another server\'s install code, changes nothing, and logs the refusal', async () => {
    const [first, second] = kit.licenseIds;
    const ss1 = kit.installCode('ss1');
    unwrap(await kit.portal.activate({ customerId: kit.customerId, installCode: ss1, licenseIds: [first!] }));
    // ss2 signs with its own genuine key and certificate, but names ss1's install code.
    const asSs1 = <F extends Record<string, unknown>>(op: 'smartserver.list' | 'smartserver.activate' | 'smartserver.transfer', fields: F) =>
      ({ ...kit.serverBody({ server: 'ss2', op, requestId: 'req-9', fields: { ...fields, installCode: ss1 } }), requestId: 'req-9' });
    const refused = { ok: false, error: { code: 'CERTIFICATE_INVALID', where: 'installCode' } };
    expect(await kit.portal.fromServer.list(asSs1('smartserver.list', { customerId: kit.customerId }))).toMatchObject(refused);
    expect(await kit.portal.fromServer.activate(asSs1('smartserver.activate', { customerId: kit.customerId, licenseIds: [second!] }))).toMatchObject(refused);
    expect(await kit.portal.fromServer.transfer(asSs1('smartserver.transfer', {}))).toMatchObject(refused);
    const listed = unwrap(await kit.portal.listForCustomer({ customerId: kit.customerId }));
    expect(listed.map((l) => l.activatedOn)).toEqual([ss1, null]);
    const audit = (await kit.t.server.audit()).filter((e) => e.outcome === 'refused');
    expect(audit.map((e) => [e.action, e.actor, e.subject])).toEqual(
      ['smartserver.list', 'smartserver.activate', 'smartserver.transfer'].map((op) => [op, `device:${kit.t.device('ss2').hardwareId}`, ss1]),
    );
  });

  it('[SS-5] refuses a proof made for another request, selection or Customer ID', async () => {
    const [first, second] = kit.licenseIds;
    const signedFor = (requestId: string, licenseIds: string[]) =>
      kit.serverBody({ server: 'ss1', op: 'smartserver.activate', requestId, fields: { customerId: kit.customerId, licenseIds } });
    const proofInvalid = { ok: false, error: { code: 'PROOF_INVALID' } };
    expect(await kit.portal.fromServer.activate({ ...signedFor('req-1', [first!]), requestId: 'req-2' })).toMatchObject(proofInvalid);
    expect(await kit.portal.fromServer.activate({ ...signedFor('req-1', [first!]), licenseIds: [first!, second!], requestId: 'req-1' })).toMatchObject(proofInvalid);
    const other = '00000000-0000-4000-8000-000000000000';
    expect(await kit.portal.fromServer.list({ ...list('ss1', 'req-3'), customerId: other })).toMatchObject(proofInvalid);
    // The Customer ID is compared as the cloud stores it, so its case does not matter.
    expect((await kit.portal.fromServer.list(list('ss1', 'req-4', { customerId: kit.customerId.toUpperCase() }))).ok).toBe(true);
  });

  it('[SS-4] refuses a certificate the manufacturer did not issue, and a body without a proof', async () => {
    const ss1 = kit.t.device('ss1');
    const forger = signingKeyFromSeed(new Uint8Array(32).fill(7));
    const forged = issueCertificate({ hardwareId: ss1.hardwareId, serialNumber: 'X', installCode: ss1.installCode, devicePublicKey: forger.publicKey, issuedAt: 0 }, forger);
    expect(await kit.portal.fromServer.list({ ...list('ss1', 'req-1'), certificate: forged })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    const { proof: _proof, ...unproven } = list('ss1', 'req-2');
    expect(await kit.portal.fromServer.list(unproven as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'proof' } });
    expect(await kit.portal.fromServer.list({ ...list('ss1', 'req-3'), requestId: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await kit.portal.fromServer.list({ ...list('ss1', 'req-4'), customerId: 42 } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'customerId' } });
  });
});
