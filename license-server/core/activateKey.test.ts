import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../emulator/random/Random.ts';
import { newActivationKey } from '../../protocol/codes/activationKey.ts';
import { unwrap } from '../../protocol/result.ts';
import { DAY_MS } from './licenseTerms.ts';
import { createTestServer, type TestServer } from '../testing/createTestServer.ts';

describe('gateway portal: activate', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  const order = async () => unwrap(await t.server.core.createOrder({
    accountId: 'vendor-acme',
    items: [
      { featureCode: 'PBX-MOBILITY', count: 25 },
      { featureCode: 'GW-CHANNELS', count: 8, transactionType: 'New', termDays: 365 },
    ],
  }));

  it('[GW-1] activates every licence an order bundles under its activation key, from now', async () => {
    const { activationKey } = await order();
    await t.clock.advance(5 * DAY_MS);
    const licenses = unwrap(await t.server.core.activate({ accountId: 'acme', activationKey }));
    const now = t.clock.now();
    expect(licenses.map((l) => [l.featureCode, l.count, l.start, l.end, l.status, l.hardwareId, l.accountId])).toEqual([
      ['PBX-MOBILITY', 25, now, null, 'Active', null, 'acme'],
      ['GW-CHANNELS', 8, now, now + 365 * DAY_MS, 'Active', null, 'acme'],
    ]);
    expect(licenses.every((l) => l.activationKey === activationKey)).toBe(true);
    const listed = unwrap(await t.server.core.listLicenses({ accountId: 'acme' }));
    expect(listed).toEqual(licenses);
  });

  it('[GW-1] accepts the key as people type it: lower case, no dashes, O for 0', async () => {
    const { activationKey } = await order();
    const typed = activationKey.replaceAll('-', '').toLowerCase().replaceAll('0', 'o');
    expect((await t.server.core.activate({ accountId: 'acme', activationKey: typed })).ok).toBe(true);
  });

  it('[GW-1] refuses a mistyped key naming the position, and activates nothing', async () => {
    const { activationKey } = await order();
    const wrong = activationKey[7] === 'X' ? 'Y' : 'X';
    const typo = `${activationKey.slice(0, 7)}${wrong}${activationKey.slice(8)}`;
    const result = await t.server.core.activate({ accountId: 'acme', activationKey: typo });
    expect(result).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', where: 'position 8' } });
    expect(await t.server.core.listLicenses({ accountId: 'acme' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('[GW-1] refuses a well-formed key no order yielded', async () => {
    await order();
    const result = await t.server.core.activate({ accountId: 'acme', activationKey: newActivationKey(createRandom('elsewhere')) });
    expect(result).toMatchObject({ ok: false, error: { code: 'ACTIVATION_KEY_UNKNOWN' } });
  });

  it('[GW-1] refuses a key used before, saying when and by whom, however it is typed', async () => {
    const { activationKey } = await order();
    unwrap(await t.server.core.activate({ accountId: 'acme', activationKey }));
    const again = await t.server.core.activate({ accountId: 'rival', activationKey: activationKey.toLowerCase() });
    expect(again).toMatchObject({ ok: false, error: { code: 'ACTIVATION_KEY_USED' } });
    if (!again.ok) expect(again.error.message).toContain('by account acme');
    expect(unwrap(await t.server.core.listLicenses({ accountId: 'acme' }))).toHaveLength(2);
  });

  it('[GW-1] lets only one of two racing activations of one key win', async () => {
    const { activationKey } = await order();
    const results = await Promise.all(['a', 'b'].map((accountId) => t.server.core.activate({ accountId, activationKey })));
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
  });

  it('logs activations and refusals in the audit log, in order', async () => {
    const { activationKey } = await order();
    await t.server.core.activate({ accountId: 'acme', activationKey });
    await t.server.core.activate({ accountId: 'acme', activationKey });
    const log = await t.server.audit();
    expect(log.map((e) => [e.action, e.outcome, e.actor])).toEqual([
      ['order.create', 'ok', 'vendor'],
      ['key.activate', 'ok', 'account:acme'],
      ['key.activate', 'refused', 'account:acme'],
    ]);
    expect(log[2]!.detail).toMatchObject({ code: 'ACTIVATION_KEY_USED' });
  });

  it('refuses malformed input, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ accountId: 'acme' }, 'activationKey'],
      [{ accountId: 'has space', activationKey: 'x' }, 'accountId'],
      [{ accountId: 'acme', activationKey: 42 }, 'activationKey'],
      [{ accountId: 'acme', activationKey: 'x'.repeat(65) }, 'activationKey'],
    ];
    for (const [input, field] of cases) {
      const result = await t.server.core.activate(input as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: field } });
    }
    expect(await t.server.core.activate({ accountId: 'acme', activationKey: 'k', extra: 1 } as never)).toMatchObject({
      ok: false, error: { code: 'BAD_REQUEST' },
    });
  });
});
