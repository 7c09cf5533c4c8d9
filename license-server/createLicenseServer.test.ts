import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../emulator/link/memoryLinkPair.ts';
import { unwrap } from '../protocol/result.ts';
import { createTestServer } from './testing/createTestServer.ts';

describe('createLicenseServer', () => {
  it('derives the same vendor key, keys and IDs from the same seed, and others from another', async () => {
    const run = async (seed: string) => {
      const t = await createTestServer({ seed });
      const order = unwrap(await t.server.core.createOrder({ accountId: 'acme', items: [{ featureCode: 'F', count: 1 }] }));
      const licenses = unwrap(await t.server.core.activate({ accountId: 'acme', activationKey: order.activationKey }));
      const result = { vendorPublicKey: t.server.vendorPublicKey, order, licenseIds: licenses.map((l) => l.id), audit: await t.server.audit() };
      await t.close();
      return result;
    };
    const [a, b, c] = [await run('seed-1'), await run('seed-1'), await run('seed-2')];
    expect(a).toEqual(b);
    expect(c.vendorPublicKey).not.toBe(a.vendorPublicKey);
    expect(c.order.activationKey).not.toBe(a.order.activationKey);
  });

  it('stamps everything with the injected clock', async () => {
    const t = await createTestServer();
    await t.clock.advance(12_345);
    unwrap(await t.server.core.createOrder({ accountId: 'acme', items: [{ featureCode: 'F', count: 1 }] }));
    expect((await t.server.audit())[0]!.at).toBe(t.clock.now());
    await t.close();
  });

  it('answers requests already received before close resolves, and none after', async () => {
    const t = await createTestServer();
    const pair = createMemoryLinkPair();
    const replies: string[] = [];
    pair.a.onFrame((frame) => replies.push(frame));
    t.server.serveLink(pair.b);
    pair.a.send(JSON.stringify({ id: 'r1', op: 'gateway.download', deviceId: 'd', body: { hardwareId: 'HW1' } }));
    await Promise.resolve();
    await t.server.close();
    pair.a.send(JSON.stringify({ id: 'r2', op: 'gateway.download', deviceId: 'd', body: { hardwareId: 'HW1' } }));
    await t.clock.quiesce();
    expect(replies.map((r) => (JSON.parse(r) as { id: string }).id)).toEqual(['r1']);
    expect(t.server.linkStats().requests).toBe(1);
    await t.store.close();
  });
});
