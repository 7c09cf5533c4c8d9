import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { CUSTOMER_ID_PATTERN } from '../../../protocol/messages/smartserver.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { smartserverModule } from './smartserverModule.ts';

describe('SmartServer partner portal: customers', () => {
  let t: TestServer;
  afterEach(async () => t.close());

  it('[SS-2] a partner adds customer/project accounts, each with a UUID Customer ID', async () => {
    t = await createTestServer();
    await t.activated('partner', [{ featureCode: 'SS-CAPACITY', count: 100 }]);
    const portal = t.server.portal(smartserverModule);
    const a = unwrap(await portal.createCustomer({ partnerAccountId: 'partner', name: 'Harbour Tower' }));
    const b = unwrap(await portal.createCustomer({ partnerAccountId: 'partner', name: '  Airport  ' }));
    expect(a.customerId).toMatch(CUSTOMER_ID_PATTERN);
    expect(b).toMatchObject({ partnerAccountId: 'partner', name: 'Airport', createdAt: t.clock.now() });
    expect(a.customerId).not.toBe(b.customerId);
    expect(unwrap(await portal.listCustomers({ partnerAccountId: 'partner' })).map((c) => c.name)).toEqual(['Harbour Tower', 'Airport']);
    expect(unwrap(await portal.listCustomers({ name: 'Airport' }))).toEqual([b]);
    const account = await t.store.transaction((tx) => tx.accounts.get(a.customerId));
    expect(account).toMatchObject({ name: 'Harbour Tower', parentId: 'partner' });
    expect((await t.server.audit()).filter((e) => e.action === 'smartserver.customer.create').map((e) => e.subject)).toEqual([a.customerId, b.customerId]);
  });

  it('[SS-2] draws the same Customer IDs from the same seed', async () => {
    const ids = async () => {
      const server = await createTestServer({ seed: 'same' });
      await server.activated('p', [{ featureCode: 'SS-CAPACITY', count: 1 }]);
      const id = unwrap(await server.server.portal(smartserverModule).createCustomer({ partnerAccountId: 'p', name: 'x' })).customerId;
      await server.close();
      return id;
    };
    t = await createTestServer();
    expect(await ids()).toBe(await ids());
  });

  it('[SS-2] refuses an unknown partner, a second customer of one name, a customer as partner, and bad input', async () => {
    t = await createTestServer();
    await t.activated('partner', [{ featureCode: 'SS-CAPACITY', count: 100 }]);
    const portal = t.server.portal(smartserverModule);
    const first = unwrap(await portal.createCustomer({ partnerAccountId: 'partner', name: 'Tower' }));
    expect(await portal.createCustomer({ partnerAccountId: 'nobody', name: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'partnerAccountId' } });
    expect(await portal.createCustomer({ partnerAccountId: 'partner', name: 'Tower' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', where: 'name' } });
    expect(await portal.createCustomer({ partnerAccountId: first.customerId, name: 'sub' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await portal.createCustomer({ partnerAccountId: 'partner', name: '   ' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'name' } });
    expect(await portal.createCustomer({ partnerAccountId: 'partner', name: 'x', extra: 1 } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await portal.listCustomers({ partnerAccountId: 'bad id' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'partnerAccountId' } });
    expect(unwrap(await portal.listCustomers())).toHaveLength(1);
  });
});
