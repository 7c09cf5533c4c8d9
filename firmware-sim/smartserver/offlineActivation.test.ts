import { describe, it, expect } from 'vitest';
import { createRandom } from '../../emulator/random/Random.ts';
import { readRequestCode } from '../../protocol/codes/requestCode.ts';
import { unwrap } from '../../protocol/result.ts';
import { signingKeyFromSeed } from '../../protocol/signing/ed25519.ts';
import { createSmartServerRig } from './testing/smartserverRig.ts';

async function offlineRig() {
  const rig = createSmartServerRig();
  await rig.boot();
  rig.wire.setUp(false);
  const installCode = rig.identity.installCode;
  const grant = (licenseId: string, count = 50) => ({ licenseId, featureCode: 'SS-CAPACITY', count, end: null });
  const request = () => unwrap(readRequestCode(unwrap(rig.device.offline.requestCode()).requestCode));
  return { rig, installCode, grant, request };
}

describe('SmartServer offline capacity activation', () => {
  it('[SS-8] shows a request code; the customer portal\'s response code installs capacity without internet', async () => {
    const { rig, installCode, grant, request } = await offlineRig();
    const shown = unwrap(rig.device.offline.requestCode());
    expect(shown.installCode).toBe(installCode);
    expect(shown.requestCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}-[0-9A-Z]{2}$/);
    const { nonce } = request();
    await rig.reset();
    const response = rig.portal.responseCode({ installCode, requestNonce: nonce, grants: [grant('OFF-1'), grant('OFF-2', 25)] });
    expect(unwrap(rig.device.offline.installResponse(response))).toEqual({ installed: ['OFF-1', 'OFF-2'] });
    expect(unwrap(rig.device.licenses()).map((l) => [l.licenseId, l.source])).toEqual([['OFF-1', 'offline'], ['OFF-2', 'offline']]);
    expect(rig.device.snapshot().capacity).toBe(75);
    expect(rig.device.offline.installResponse(response)).toMatchObject({ ok: false, error: { code: 'RESPONSE_STALE' } });
  });

  it('[SS-8] refuses an altered, a foreign, an old and another family\'s response code, installing nothing', async () => {
    const { rig, installCode, grant, request } = await offlineRig();
    const first = request();
    const old = rig.portal.responseCode({ installCode, requestNonce: first.nonce, grants: [grant('A')] });
    const { nonce } = request();
    const install = (code: string) => rig.device.offline.installResponse(code);
    expect(install(old)).toMatchObject({ ok: false, error: { code: 'RESPONSE_STALE' } });
    expect(install(rig.portal.responseCode({ installCode: 'AAAA-BBBB-CCCC-DDDD', requestNonce: nonce, grants: [grant('B')] }))).toMatchObject({ ok: false, error: { code: 'RESPONSE_FOREIGN' } });
    const forged = rig.portal.responseCode({ installCode, requestNonce: nonce, grants: [grant('C')], key: signingKeyFromSeed(createRandom('forger').bytes(32)) });
    expect(install(forged)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    const genuine = rig.portal.responseCode({ installCode, requestNonce: nonce, grants: [grant('D')] });
    const [kind, payload, signature] = genuine.split('.');
    const altered = [kind, payload!.slice(0, -2) + (payload!.endsWith('A') ? 'BB' : 'AA'), signature].join('.');
    expect(install(altered)).toMatchObject({ ok: false, error: { code: expect.stringMatching(/SIGNATURE_INVALID|ENVELOPE_MALFORMED/) } });
    expect(install(rig.portal.responseCode({ installCode, requestNonce: nonce, grants: [grant('E')], family: 'video' }))).toMatchObject({ ok: false, error: { code: 'RESPONSE_FOREIGN' } });
    expect(install(rig.portal.responseCode({ installCode, requestNonce: nonce, grants: [{ ...grant('F'), featureCode: 'SS-MAINTENANCE' }] }))).toMatchObject({ ok: false, error: { code: 'LICENSE_WRONG_FAMILY' } });
    expect(install('')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(install('garbage')).toMatchObject({ ok: false, error: { code: 'ENVELOPE_MALFORMED' } });
    expect(unwrap(rig.device.licenses())).toEqual([]);
    expect(unwrap(install(genuine)).installed).toEqual(['D']);
  });
});
