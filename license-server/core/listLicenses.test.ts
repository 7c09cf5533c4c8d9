import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import { DAY_MS } from './licenseTerms.ts';
import { createTestServer, type TestServer } from '../testing/createTestServer.ts';

describe('gateway portal: listLicenses', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  const statuses = async (): Promise<string[]> => unwrap(await t.server.core.listLicenses({ accountId: 'acme' })).map((l) => l.status);

  it('[PC-4] shows each license with its status on the clock as time passes', async () => {
    const order = unwrap(await t.server.core.createOrder({
      accountId: 'acme',
      items: [
        { featureCode: 'YEAR', count: 1, termDays: 365 },
        { featureCode: 'LATER', count: 1, termDays: 365, start: t.clock.now() + 100 * DAY_MS },
        { featureCode: 'FOREVER', count: 1 },
      ],
    }));
    unwrap(await t.server.core.activate({ accountId: 'acme', activationKey: order.activationKey }));
    expect(await statuses()).toEqual(['Active', 'Impending', 'Active']);
    await t.clock.advance(100 * DAY_MS);
    expect(await statuses()).toEqual(['Active', 'Active', 'Active']);
    await t.clock.advance(235 * DAY_MS);
    expect(await statuses()).toEqual(['Expiring Shortly', 'Active', 'Active']);
    await t.clock.advance(30 * DAY_MS);
    expect(await statuses()).toEqual(['Inactive', 'Active', 'Active']);
    await t.clock.advance(365 * DAY_MS);
    expect(await statuses()).toEqual(['Inactive', 'Inactive', 'Active']);
  });

  it('refuses an account it has never seen and a malformed account ID', async () => {
    expect(await t.server.core.listLicenses({ accountId: 'ghost' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'accountId' } });
    expect(await t.server.core.listLicenses({ accountId: '-x' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'accountId' } });
  });

  it('lists an account that ordered but activated nothing as empty', async () => {
    unwrap(await t.server.core.createOrder({ accountId: 'acme', items: [{ featureCode: 'F', count: 1 }] }));
    expect(await t.server.core.listLicenses({ accountId: 'acme' })).toEqual({ ok: true, value: [] });
  });
});
