import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../protocol/messages/envelope.ts';
import { serveTestLink, type TestLink } from '../../testing/testLink.ts';
import type { SmartServerOp } from '../../../protocol/messages/smartserver.ts';
import { smartserverPortalRig } from './testing/smartserverPortalRig.ts';

type Kit = Awaited<ReturnType<typeof smartserverPortalRig>>;

describe('SmartServer operations over a link', () => {
  let kit: Kit;
  let link: TestLink;
  beforeEach(async () => {
    kit = await smartserverPortalRig({ capacity: 1, maintenance: 1 });
    link = serveTestLink(kit.t);
  });
  afterEach(async () => kit.t.close());

  type Body = Record<string, unknown>;
  const exchange = (op: string, body: Body | ((requestId: string) => Body)): Promise<Reply> => {
    const id = `r${link.replies.length}`;
    return link.exchange({ id, op, deviceId: 'ss-001', body: typeof body === 'function' ? body(id) : body });
  };
  /** The body `server` sends for `op`, proven for the request that carries it. */
  const from = (server: string, op: SmartServerOp, fields: Body = {}) => (requestId: string) => kit.serverBody({ server, op, requestId, fields });

  it('[SS-4] [SS-5] [SS-6] lists, activates and transfers for the server that asks', async () => {
    const listed = await exchange('smartserver.list', from('ss1', 'smartserver.list', { customerId: kit.customerId }));
    expect(listed).toMatchObject({ ok: true, body: { licenses: [{ licenseId: kit.licenseIds[0] }, { featureCode: 'SS-MAINTENANCE' }] } });
    expect(await exchange('smartserver.activate', from('ss1', 'smartserver.activate', { customerId: kit.customerId, licenseIds: kit.licenseIds }))).toMatchObject({ ok: true, body: { files: [expect.any(String), expect.any(String)] } });
    expect(await exchange('smartserver.transfer', from('ss1', 'smartserver.transfer'))).toMatchObject({ ok: true, body: { transferred: kit.licenseIds } });
    expect(await exchange('smartserver.transfer', from('ss1', 'smartserver.transfer'))).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_TRANSFER' } });
  });

  it('[SS-4] [SS-5] [SS-6] refuses a server acting for another server\'s install code, and changes nothing', async () => {
    const ss1 = kit.installCode('ss1');
    const [first, second] = kit.licenseIds;
    expect((await exchange('smartserver.activate', from('ss1', 'smartserver.activate', { customerId: kit.customerId, licenseIds: [first] }))).ok).toBe(true);
    // ss2 signs with its own genuine key and certificate, but names ss1's install code.
    const asSs1 = { installCode: ss1, customerId: kit.customerId };
    expect(await exchange('smartserver.list', from('ss2', 'smartserver.list', asSs1))).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    expect(await exchange('smartserver.activate', from('ss2', 'smartserver.activate', { ...asSs1, licenseIds: [second] }))).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    expect(await exchange('smartserver.transfer', from('ss2', 'smartserver.transfer', { installCode: ss1 }))).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    // Nor does a body without a proof get through, or ss1's proof replayed under another request ID.
    expect(await exchange('smartserver.transfer', { installCode: ss1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await exchange('smartserver.transfer', () => from('ss1', 'smartserver.transfer')('captured'))).toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
    // ss1 still holds exactly what it activated; the second license is still in the cloud.
    const rows = await exchange('smartserver.list', from('ss1', 'smartserver.list', { customerId: kit.customerId }));
    expect(rows).toMatchObject({ ok: true, body: { licenses: [{ licenseId: first, segmentController: ss1 }, { licenseId: second, segmentController: null }] } });
    expect(await exchange('smartserver.transfer', from('ss1', 'smartserver.transfer'))).toMatchObject({ ok: true, body: { transferred: [first] } });
  });

  it('[SS-5] answers a malformed body with BAD_REQUEST naming the field', async () => {
    const reply = await exchange('smartserver.activate', from('ss1', 'smartserver.activate', { customerId: kit.customerId, licenseIds: 'all' }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!reply.ok) expect(reply.error.message).toContain('licenseIds');
    expect(await exchange('smartserver.list', { customerId: kit.customerId })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
