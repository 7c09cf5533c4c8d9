import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLinkPair, type LinkPair } from '../../emulator/link/memoryLinkPair.ts';
import { replySchema, type Reply } from '../../protocol/messages/envelope.ts';
import { smartserverTestKit } from '../portals/smartserver/smartserverTestKit.ts';

type Kit = Awaited<ReturnType<typeof smartserverTestKit>>;

describe('SmartServer operations over a link', () => {
  let kit: Kit;
  let pair: LinkPair;
  let replies: Reply[];
  beforeEach(async () => {
    kit = await smartserverTestKit({ capacity: 1, maintenance: 1 });
    pair = createMemoryLinkPair();
    replies = [];
    pair.a.onFrame((frame) => replies.push(replySchema.parse(JSON.parse(frame))));
    kit.t.server.serveLink(pair.b);
  });
  afterEach(async () => kit.t.close());

  const exchange = async (op: string, body: Record<string, unknown>): Promise<Reply> => {
    pair.a.send(JSON.stringify({ id: `r${replies.length}`, op, deviceId: 'ss-001', body }));
    await kit.t.clock.quiesce();
    return replies.at(-1)!;
  };

  it('[SS-4] [SS-5] [SS-6] lists, activates and transfers for the server that asks', async () => {
    const installCode = kit.installCode('ss1');
    const listed = await exchange('ss.list', { customerId: kit.customerId, installCode });
    expect(listed).toMatchObject({ ok: true, body: { licenses: [{ licenseId: kit.licenseIds[0] }, { featureCode: 'SS-MAINTENANCE' }] } });
    expect(await exchange('ss.activate', { customerId: kit.customerId, installCode, licenseIds: kit.licenseIds })).toMatchObject({ ok: true, body: { files: [expect.any(String), expect.any(String)] } });
    expect(await exchange('ss.transfer', { installCode })).toMatchObject({ ok: true, body: { transferred: kit.licenseIds } });
    expect(await exchange('ss.transfer', { installCode })).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_TRANSFER' } });
  });

  it('[SS-5] answers a malformed body with BAD_REQUEST naming the field', async () => {
    const reply = await exchange('ss.activate', { customerId: kit.customerId, installCode: kit.installCode('ss1'), licenseIds: 'all' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!reply.ok) expect(reply.error.message).toContain('licenseIds');
    expect(await exchange('ss.list', { customerId: kit.customerId })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
