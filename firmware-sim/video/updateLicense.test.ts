import { describe, it, expect } from 'vitest';
import { HOUR } from '../../emulator/clock/duration.ts';
import { fail, ok, unwrap } from '../../protocol/result.ts';
import { readRequestCode } from '../../protocol/codes/requestCode.ts';
import { createVideoRig, ports } from './testing/videoRig.ts';

/** A product whose portal stand-in grants `granted()` ports while `revoked()` is false. */
async function online(options: { refreshIntervalMs?: number } = {}) {
  const rig = createVideoRig(options);
  let granted = 5;
  let revoked = false;
  rig.portal.answerUpdates((body) => {
    if (body.accessToken !== 'clt_secret') return fail('TOKEN_UNKNOWN', 'not issued here');
    if (revoked) return fail('TOKEN_REVOKED', 'revoked by alice');
    const productId = unwrap(readRequestCode(body.requestCode)).fingerprint;
    return ok({ productId, responseCode: rig.responseFor(body.requestCode, [ports(granted)]) });
  });
  await rig.boot();
  return { rig, grant: (n: number) => (granted = n), revoke: () => (revoked = true) };
}

describe('video product: Update License and automatic refresh', () => {
  it('[CL-3] connects with the access token, shows SUCCESS and applies the entitlements', async () => {
    const { rig } = await online();
    unwrap(rig.device.licenses.configure({ mode: 'standard', autoRefresh: true, accessToken: 'clt_secret' }));
    const update = unwrap(await rig.device.licenses.updateLicense());
    expect(update.productId).toHaveLength(12);
    expect(unwrap(rig.device.licenses.view())).toMatchObject({ lastConnectionStatus: 'SUCCESS', entitlements: { 'CLARITI-PORTS': 5 } });
    expect(rig.portal.updates[0]!.product).toMatchObject({ type: 'Clariti Core', name: rig.device.snapshot().hostName, serial: rig.identity.serialNumber });
    expect(rig.device.snapshot().lastConnectionAt).toBe(rig.clock.now());
  });

  it('[CL-3] shows why not: an unknown token, a revoked one, an unreachable portal', async () => {
    const { rig, revoke } = await online();
    unwrap(rig.device.licenses.configure({ accessToken: 'clt_wrong' }));
    expect(await rig.device.licenses.updateLicense()).toMatchObject({ ok: false, error: { code: 'TOKEN_UNKNOWN' } });
    expect(rig.device.snapshot().lastConnectionStatus).toBe('FAILED: token not recognized');
    unwrap(rig.device.licenses.configure({ accessToken: 'clt_secret' }));
    revoke();
    await rig.device.licenses.updateLicense();
    expect(rig.device.snapshot().lastConnectionStatus).toBe('FAILED: token revoked');
    rig.wire.setUp(false);
    await rig.device.licenses.updateLicense();
    expect(rig.device.snapshot().lastConnectionStatus).toBe('FAILED: portal unreachable');
  });

  it('[CL-3] refreshes by itself every 24 hours, keeping entitlements current until the token is revoked', async () => {
    const { rig, grant, revoke } = await online();
    unwrap(rig.device.licenses.configure({ autoRefresh: true, accessToken: 'clt_secret' }));
    unwrap(await rig.device.licenses.updateLicense());
    expect(rig.device.snapshot().nextRefreshAt).toBe(rig.clock.now() + 24 * HOUR);
    grant(8);
    await rig.clock.advance(24 * HOUR - 1);
    expect(rig.device.entitlements()).toEqual({ 'CLARITI-PORTS': 5 });
    await rig.clock.advance(1);
    expect(rig.device.entitlements()).toEqual({ 'CLARITI-PORTS': 8 });
    expect(rig.portal.updates).toHaveLength(2);
    revoke();
    await rig.clock.advance(24 * HOUR);
    expect(rig.device.snapshot()).toMatchObject({ lastConnectionStatus: 'FAILED: token revoked' });
    // A failed refresh keeps the license it had.
    expect(rig.device.entitlements()).toEqual({ 'CLARITI-PORTS': 8 });
  });

  it('[CL-3] refreshes only while automatic refresh is on, and resumes after a reboot', async () => {
    const { rig } = await online({ refreshIntervalMs: 6 * HOUR });
    unwrap(rig.device.licenses.configure({ accessToken: 'clt_secret' }));
    await rig.clock.advance(7 * HOUR);
    expect(rig.portal.updates).toHaveLength(0);
    unwrap(rig.device.licenses.configure({ autoRefresh: true }));
    await rig.clock.advance(6 * HOUR);
    expect(rig.portal.updates).toHaveLength(1);
    await rig.reset();
    await rig.clock.advance(6 * HOUR);
    expect(rig.portal.updates).toHaveLength(2);
    unwrap(rig.device.licenses.configure({ mode: 'restrictive' }));
    expect(rig.device.snapshot().nextRefreshAt).toBeNull();
    await rig.clock.advance(24 * HOUR);
    expect(rig.portal.updates).toHaveLength(2);
  });

  it('refuses Update License in restrictive mode and without a token, without connecting', async () => {
    const { rig } = await online();
    expect(await rig.device.licenses.updateLicense()).toMatchObject({ ok: false, error: { code: 'TOKEN_MISSING', where: 'accessToken' } });
    unwrap(rig.device.licenses.configure({ mode: 'restrictive', accessToken: 'clt_secret' }));
    expect(await rig.device.licenses.updateLicense()).toMatchObject({ ok: false, error: { code: 'WRONG_MODE', where: 'mode' } });
    expect(rig.portal.updates).toHaveLength(0);
    expect(rig.device.snapshot().lastConnectionStatus).toBeNull();
  });

  it('joins an update already under way instead of racing it', async () => {
    const { rig } = await online();
    unwrap(rig.device.licenses.configure({ accessToken: 'clt_secret' }));
    const [a, b] = await Promise.all([rig.device.licenses.updateLicense(), rig.device.licenses.updateLicense()]);
    expect(a).toEqual(b);
    expect(a.ok).toBe(true);
    expect(rig.portal.updates).toHaveLength(1);
  });
});
