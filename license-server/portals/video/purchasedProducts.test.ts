import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { shownCode } from './testing/videoPortalRig.ts';
import { videoModule } from './videoModule.ts';

describe('video portal: purchased products', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('[CL-4] Add Standard Purchased Product lists the product that showed the request code', async () => {
    const shown = shownCode(t, 'core-1');
    const added = unwrap(await t.server.portal(videoModule).addStandardProduct({ accountId: 'acme', requestCode: shown.code.toLowerCase().replaceAll('-', ' ') }));
    expect(added).toMatchObject({ productId: shown.fingerprint, mode: 'standard', name: null, requestCode: shown.code, entitlements: {} });
    expect(unwrap(await t.server.portal(videoModule).listProducts({ accountId: 'acme' }))).toEqual([added]);
    // A newer request code of the same product updates its entry instead of adding another.
    const newer = shownCode(t, 'core-1', { n: 2 });
    unwrap(await t.server.portal(videoModule).addStandardProduct({ accountId: 'acme', requestCode: newer.code }));
    expect(unwrap(await t.server.portal(videoModule).listProducts({ accountId: 'acme' })).map((p) => [p.productId, p.requestCode])).toEqual([[shown.fingerprint, newer.code]]);
  });

  it('[CL-4] refuses a request code with one wrong character, naming its position', async () => {
    const { code } = shownCode(t, 'core-1');
    const typo = `${code.slice(0, 7)}${code[7] === 'Q' ? 'R' : 'Q'}${code.slice(8)}`;
    const result = await t.server.portal(videoModule).addStandardProduct({ accountId: 'acme', requestCode: typo });
    expect(result).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', where: 'position 8' } });
    if (!result.ok) expect(result.error.message).toContain('character 8');
    expect(await t.server.portal(videoModule).listProducts({ accountId: 'acme' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('[CL-4] refuses a product already listed in another account', async () => {
    unwrap(await t.server.portal(videoModule).addStandardProduct({ accountId: 'acme', requestCode: shownCode(t, 'core-1').code }));
    const stolen = await t.server.portal(videoModule).addStandardProduct({ accountId: 'rival', requestCode: shownCode(t, 'core-1', { n: 2 }).code });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'PRODUCT_OWNED_ELSEWHERE' } });
  });

  it('[CL-5] Add Restrictive Purchased Product refuses a wrongly capitalised Name naming the field, then takes the corrected one', async () => {
    const shown = shownCode(t, 'core-1', { fields: { name: 'clariti-core-01' } });
    const { fields } = shown;
    const wrong = await t.server.portal(videoModule).addRestrictiveProduct({ accountId: 'acme', ...fields, name: 'Clariti-Core-01', requestCode: shown.code });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'FIELD_MISMATCH', where: 'name' } });
    if (!wrong.ok) expect(wrong.error.message).toContain("Name 'Clariti-Core-01' does not match");
    const right = unwrap(await t.server.portal(videoModule).addRestrictiveProduct({ accountId: 'acme', name: fields.name, type: fields.type, version: fields.version, requestCode: shown.code }));
    expect(right).toMatchObject({ productId: shown.fingerprint, mode: 'restrictive', name: 'clariti-core-01', type: 'Clariti Core', version: '2.2.1', serial: null, hostName: null });
  });

  it('[CL-5] checks the optional Serial and Host name when given, and needs Name, Type, Version and Request Code', async () => {
    const shown = shownCode(t, 'core-1');
    const { fields } = shown;
    expect(await t.server.portal(videoModule).addRestrictiveProduct({ accountId: 'acme', ...fields, type: 'Clariti core', requestCode: shown.code }))
      .toMatchObject({ ok: false, error: { code: 'FIELD_MISMATCH', where: 'type' } });
    expect(await t.server.portal(videoModule).addRestrictiveProduct({ accountId: 'acme', ...fields, serial: fields.serial.toLowerCase(), requestCode: shown.code }))
      .toMatchObject({ ok: false, error: { code: 'FIELD_MISMATCH', where: 'serial' } });
    for (const missing of ['name', 'type', 'version', 'requestCode'] as const) {
      const input: Record<string, string> = { accountId: 'acme', ...fields, requestCode: shown.code };
      delete input[missing];
      expect(await t.server.portal(videoModule).addRestrictiveProduct(input as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: missing } });
    }
    const added = unwrap(await t.server.portal(videoModule).addRestrictiveProduct({ accountId: 'acme', ...fields, requestCode: shown.code }));
    expect(added).toMatchObject({ serial: fields.serial, hostName: fields.hostName });
  });
});
