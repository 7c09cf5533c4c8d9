import { afterEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../../emulator/random/Random.ts';
import { newRequestCode } from '../../../protocol/codes/requestCode.ts';
import { openResponseCode } from '../../../protocol/responseCode.ts';
import { unwrap } from '../../../protocol/result.ts';
import { smartserverPortalRig } from './testing/smartserverPortalRig.ts';

type Kit = Awaited<ReturnType<typeof smartserverPortalRig>>;

describe('SmartServer customer portal: offline capacity activation', () => {
  let kit: Kit;
  afterEach(async () => kit.t.close());

  it('[SS-8] answers a server\'s request code with a signed response code granting the selected capacity', async () => {
    kit = await smartserverPortalRig({ capacity: 2, maintenance: 1 });
    const { portal, customerId, licenseIds, t } = kit;
    const installCode = kit.installCode('offline');
    const request = newRequestCode({ identity: installCode, random: createRandom('req') });
    const typed = request.code.toLowerCase().replace(/-/g, ' ');
    const answer = unwrap(await portal.offlineActivate({ customerId, installCode, requestCode: typed, licenseIds: [licenseIds[0]!] }));
    const opened = unwrap(openResponseCode(answer.responseCode, { vendorPublicKey: t.server.vendorPublicKey, identity: installCode, requestNonce: request.nonce }));
    expect(opened).toMatchObject({ family: 'smartserver', grants: [{ licenseId: licenseIds[0], featureCode: 'SS-CAPACITY', count: 100, end: null }] });
    expect(unwrap(await portal.listForCustomer({ customerId }))[0]!.activatedOn).toBe(installCode);
    // The license is taken: no other server can activate it, online or offline.
    const other = kit.installCode('other');
    expect(await portal.activate({ customerId, installCode: other, licenseIds: [licenseIds[0]!] })).toMatchObject({ ok: false, error: { code: 'LICENSE_BOUND_ELSEWHERE' } });
  });

  it('[SS-8] refuses a mistyped request code naming the position, another server\'s code, and maintenance licenses', async () => {
    kit = await smartserverPortalRig({ capacity: 1, maintenance: 1 });
    const { portal, customerId, licenseIds } = kit;
    const installCode = kit.installCode('offline');
    const request = newRequestCode({ identity: installCode, random: createRandom('req') });
    const wrong = (request.code[0] === 'A' ? 'B' : 'A') + request.code.slice(1);
    const typo = await portal.offlineActivate({ customerId, installCode, requestCode: wrong, licenseIds: [licenseIds[0]!] });
    expect(typo).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', where: 'requestCode' } });
    if (!typo.ok) expect(typo.error.message).toMatch(/character 1 /);
    expect(await portal.offlineActivate({ customerId, installCode: kit.installCode('b'), requestCode: request.code, licenseIds: [licenseIds[0]!] }))
      .toMatchObject({ ok: false, error: { code: 'CODE_FOREIGN', where: 'requestCode' } });
    expect(await portal.offlineActivate({ customerId, installCode, requestCode: request.code, licenseIds: [licenseIds[1]!] }))
      .toMatchObject({ ok: false, error: { code: 'LICENSE_WRONG_FAMILY' } });
    expect(unwrap(await portal.listForCustomer({ customerId })).map((l) => l.activatedOn)).toEqual([null, null]);
  });
});
