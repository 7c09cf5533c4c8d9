import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLicenseFile } from '../../protocol/licenseFile.ts';
import type { Reply } from '../../protocol/messages/envelope.ts';
import { serveTestLink, type TestLink } from '../testing/testLink.ts';
import { unwrap } from '../../protocol/result.ts';
import { createTestServer, type TestServer } from '../testing/createTestServer.ts';
import { gatewayModule } from '../portals/gateway/gatewayModule.ts';
import { downloadRequest, invalidationRequest, testLicenseRequest } from '../portals/gateway/testing/gatewayPortalRig.ts';

describe('serveLink', () => {
  let t: TestServer;
  let link: TestLink;
  beforeEach(async () => {
    t = await createTestServer();
    link = serveTestLink(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const send = (frame: unknown): void => link.send(frame);
  const exchange = async (frame: unknown): Promise<Reply> => {
    const before = link.replies.length;
    const reply = await link.exchange(frame);
    expect(link.replies.length).toBe(before + 1);
    return reply;
  };

  it('[GW-6] serves a device its license files on request', async () => {
    const gw = t.device('gw1');
    const [licenseId] = await t.activated('acme', [{ featureCode: 'PBX-MOBILITY', count: 5 }]);
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: licenseId!, hardwareId: gw.hardwareId }));
    const reply = await exchange({ id: 'r1', op: 'gateway.download', deviceId: 'gw-001', body: downloadRequest(gw, 'r1') });
    expect(reply).toMatchObject({ id: 'r1', ok: true });
    const files = (reply as unknown as { body: { files: string[] } }).body.files;
    expect(files.map((f) => unwrap(openLicenseFile(f, t.server.vendorPublicKey, gw.hardwareId)).licenseId)).toEqual([licenseId]);
  });

  it('[GW-6] gives a hardware ID\'s files only to the device that proves it is that hardware', async () => {
    const [owner, thief] = [t.device('owner'), t.device('thief')];
    const [licenseId] = await t.activated('acme', [{ featureCode: 'PBX-MOBILITY', count: 5 }]);
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: licenseId!, hardwareId: owner.hardwareId }));
    const bare = await exchange({ id: 'd1', op: 'gateway.download', deviceId: 'gw-009', body: { hardwareId: owner.hardwareId } });
    expect(bare).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const forged = await exchange({ id: 'd2', op: 'gateway.download', deviceId: 'gw-009', body: { ...downloadRequest(thief, 'd2'), hardwareId: owner.hardwareId } });
    expect(forged).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    const replayed = await exchange({ id: 'd3', op: 'gateway.download', deviceId: 'gw-009', body: downloadRequest(owner, 'd2') });
    expect(replayed).toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
    expect((await t.server.audit()).filter((e) => e.action === 'license.download')).toHaveLength(0);
  });

  it('[GW-8] answers a duplicated request ID from the cache instead of acting twice', async () => {
    const gw1 = t.device('gw1');
    const request = { id: 'r1', op: 'gateway.testLicense', deviceId: 'gw-001', body: testLicenseRequest(gw1, 'r1') };
    send(request);
    send(request);
    await t.clock.quiesce();
    expect(link.replies).toHaveLength(2);
    expect(link.replies[0]).toMatchObject({ id: 'r1', ok: true });
    expect(link.replies[1]).toEqual(link.replies[0]);
    expect(t.server.linkStats()).toMatchObject({ requests: 2, duplicates: 1 });
    expect((await t.server.audit()).filter((e) => e.action === 'testLicense.issue')).toHaveLength(1);
    const fresh = await exchange({ ...request, id: 'r2', body: testLicenseRequest(gw1, 'r2') });
    expect(fresh).toMatchObject({ id: 'r2', ok: false, error: { code: 'TEST_LICENSE_ALREADY_ISSUED' } });
    // [TM-3] the same signed request from elsewhere is no retransmission but a replay.
    const otherDevice = await exchange({ ...request, deviceId: 'gw-002' });
    expect(otherDevice).toMatchObject({ id: 'r1', ok: false, error: { code: 'REQUEST_REPLAYED' } });
  });

  it('[GW-8] refuses a test-license request for a hardware ID the sender cannot prove is its own', async () => {
    const [victim, thief] = [t.device('victim'), t.device('thief')];
    const forged = { ...testLicenseRequest(thief, 'x1'), hardwareId: victim.hardwareId };
    expect(await exchange({ id: 'x1', op: 'gateway.testLicense', deviceId: 'gw-009', body: forged })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    const withoutProof = await exchange({ id: 'x2', op: 'gateway.testLicense', deviceId: 'gw-009', body: { hardwareId: victim.hardwareId } });
    expect(withoutProof).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await exchange({ id: 'x3', op: 'gateway.testLicense', deviceId: 'gw-010', body: testLicenseRequest(victim, 'x3') })).toMatchObject({ ok: true });
  });

  it('[GW-6] invalidates with a proof that signs the envelope\'s request ID', async () => {
    const gw = t.device('gw1');
    const [licenseId] = await t.activated('acme', [{ featureCode: 'F', count: 1 }]);
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: licenseId!, hardwareId: gw.hardwareId }));
    const { requestId: _, ...body } = invalidationRequest(gw, [licenseId!], 'inv-7');
    const replayed = await exchange({ id: 'inv-8', op: 'gateway.invalidate', deviceId: 'gw-001', body });
    expect(replayed).toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
    const reply = await exchange({ id: 'inv-7', op: 'gateway.invalidate', deviceId: 'gw-001', body });
    expect(reply).toEqual({ id: 'inv-7', ok: true, body: { invalidated: [licenseId] } });
  });

  it('answers a malformed request BAD_REQUEST naming the field, when its ID is readable', async () => {
    expect(await exchange({ id: 'r1', op: 5, deviceId: 'd', body: {} })).toMatchObject({ id: 'r1', ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await exchange({ id: 'r2', op: 'gateway.download', deviceId: 'd', body: {}, extra: 1 })).toMatchObject({ id: 'r2', ok: false, error: { code: 'BAD_REQUEST' } });
    const badBody = await exchange({ id: 'r3', op: 'gateway.download', deviceId: 'd', body: { hardwareId: 42 } });
    expect(badBody).toMatchObject({ id: 'r3', ok: false, error: { code: 'BAD_REQUEST' } });
    expect((badBody as { error: { message: string } }).error.message).toContain('hardwareId');
    const huge = await exchange({ id: 'r4', op: 'gateway.download', deviceId: 'd', body: { hardwareId: 'x'.repeat(70_000) } });
    expect(huge).toMatchObject({ id: 'r4', ok: false, error: { code: 'BAD_REQUEST' } });
    expect(t.server.linkStats()).toMatchObject({ rejected: 3, requests: 1 });
  });

  it('answers an unknown op UNKNOWN_OPERATION, listing the known ones', async () => {
    const reply = await exchange({ id: 'r1', op: 'gw.selfDestruct', deviceId: 'd', body: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect((reply as { error: { message: string } }).error.message).toContain('gateway.download');
    expect(await exchange({ id: 'r2', op: 'toString', deviceId: 'd', body: {} })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('drops and counts frames with no readable ID, and keeps serving', async () => {
    for (const frame of ['', 'not json', '[1,2]', 'null', '{"op":"gateway.download"}', '{"id":""}', JSON.stringify({ id: 7 })]) send(frame);
    await t.clock.quiesce();
    expect(link.replies).toEqual([]);
    expect(t.server.linkStats().dropped).toBe(7);
    const gw = t.device('gw1');
    expect(await exchange({ id: 'ok', op: 'gateway.download', deviceId: 'd', body: downloadRequest(gw, 'ok') })).toEqual({ id: 'ok', ok: true, body: { files: [] } });
  });

  it('stops answering once stopped', async () => {
    link.stop();
    send({ id: 'r1', op: 'gateway.download', deviceId: 'd', body: { hardwareId: 'HW1' } });
    await t.clock.quiesce();
    expect(link.replies).toEqual([]);
  });
});
