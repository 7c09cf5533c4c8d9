import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readActivationKey } from '../../protocol/codes/activationKey.ts';
import { unwrap } from '../../protocol/result.ts';
import { DAY_MS } from './licenseTerms.ts';
import { createTestServer, type TestServer } from '../testing/createTestServer.ts';

describe('gateway portal: createOrder', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('[GW-1] yields a distinct, valid 17-character activation key per order', async () => {
    const keys = [];
    for (let i = 0; i < 20; i++) {
      keys.push(unwrap(await t.server.core.createOrder({ accountId: 'acme', items: [{ featureCode: 'PBX-MOBILITY', count: 1 }] })).activationKey);
    }
    expect(new Set(keys).size).toBe(20);
    for (const key of keys) expect(readActivationKey(key)).toEqual({ ok: true, value: key });
  });

  it('gives the same keys for the same seed', async () => {
    const again = await createTestServer();
    try {
      const items = [{ featureCode: 'F', count: 1 }];
      const a = unwrap(await t.server.core.createOrder({ accountId: 'acme', items }));
      const b = unwrap(await again.server.core.createOrder({ accountId: 'acme', items }));
      expect(a).toEqual(b);
    } finally {
      await again.close();
    }
  });

  it('keeps an order-specified start and a fractional term', async () => {
    const start = t.clock.now() + 10 * DAY_MS;
    const order = unwrap(await t.server.core.createOrder({
      accountId: 'acme',
      items: [{ featureCode: 'PDMS-AUDIO', count: 50, transactionType: 'Renewal', termDays: 0.5, start }],
    }));
    const [license] = unwrap(await t.server.core.activate({ accountId: 'acme', activationKey: order.activationKey }));
    expect(license).toMatchObject({ start, end: start + DAY_MS / 2, transactionType: 'Renewal', status: 'Impending' });
  });

  it('refuses malformed orders, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ accountId: 'acme', items: [] }, 'items'],
      [{ accountId: 'acme' }, 'items'],
      [{ items: [{ featureCode: 'F', count: 1 }] }, 'accountId'],
      [{ accountId: 'acme', items: [{ featureCode: 'F', count: 0 }] }, 'items.0.count'],
      [{ accountId: 'acme', items: [{ featureCode: 'F', count: 1.5 }] }, 'items.0.count'],
      [{ accountId: 'acme', items: [{ featureCode: 'F', count: 1 }, { featureCode: '', count: 1 }] }, 'items.1.featureCode'],
      [{ accountId: 'acme', items: [{ featureCode: 'F', count: 1, transactionType: 'Gift' }] }, 'items.0.transactionType'],
      [{ accountId: 'acme', items: [{ featureCode: 'F', count: 1, termDays: -3 }] }, 'items.0.termDays'],
      [null, '(root)'],
      ['order', '(root)'],
    ];
    for (const [input, where] of cases) {
      const result = await t.server.core.createOrder(input as never);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where } });
      if (!result.ok) expect(result.error.message).toContain(where);
    }
    const extra = await t.server.core.createOrder({ accountId: 'acme', items: [{ featureCode: 'F', count: 1, colour: 'red' }] } as never);
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!extra.ok) expect(extra.error.message).toContain('colour');
    expect(await t.server.audit()).toEqual([]);
  });
});
