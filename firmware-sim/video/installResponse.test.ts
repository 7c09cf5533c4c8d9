import { describe, it, expect } from 'vitest';
import { signingKeyFromSeed } from '../../protocol/signing/ed25519.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { unwrap } from '../../protocol/result.ts';
import { createVideoRig, ports, users } from './testing/videoRig.ts';

async function booted(seed?: string) {
  const rig = createVideoRig({ seed });
  await rig.boot();
  return rig;
}

describe('video product: Process License Response Code', () => {
  it('[CL-7] installs a response code; its entitlement values take effect at once and survive a reboot', async () => {
    const rig = await booted();
    expect(rig.device.conferencing.setActiveCalls(1)).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });
    const { requestCode } = unwrap(rig.device.licenses.licenseProduct());
    const page = unwrap(rig.device.licenses.processResponseCode(rig.responseFor(requestCode, [ports(10), users(50)])));
    expect(page.entitlements).toEqual({ 'CLARITI-PORTS': 10, 'CLARITI-USERS': 50 });
    expect(rig.device.snapshot().requestCode).toBeNull();
    expect(unwrap(rig.device.conferencing.setActiveCalls(10))).toEqual({ activeCalls: 10 });
    expect(rig.device.conferencing.setActiveCalls(11)).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT', where: 'count' } });
    await rig.reset();
    expect(rig.device.entitlements()).toEqual({ 'CLARITI-PORTS': 10, 'CLARITI-USERS': 50 });
    expect(rig.device.snapshot().activeCalls).toBe(0);
  });

  it("[CL-7] refuses product A's response code on product B", async () => {
    const a = await booted('product-a');
    const b = await booted('product-b');
    const forA = a.responseFor(unwrap(a.device.licenses.licenseProduct()).requestCode, [ports(4)]);
    unwrap(b.device.licenses.licenseProduct());
    expect(b.device.licenses.processResponseCode(forA)).toMatchObject({ ok: false, error: { code: 'RESPONSE_FOREIGN' } });
    expect(b.device.entitlements()).toEqual({});
  });

  it('[CL-7] refuses a modified response code, and one signed by another key', async () => {
    const rig = await booted();
    const { requestCode } = unwrap(rig.device.licenses.licenseProduct());
    const good = rig.responseFor(requestCode, [ports(4)]);
    const [kind, body, signature] = good.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    payload.grants[0].count = 400;
    const inflated = `${kind}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
    expect(rig.device.licenses.processResponseCode(inflated)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    const flipped = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    expect(rig.device.licenses.processResponseCode(flipped)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    const forged = rig.responseFor(requestCode, [ports(4)], { key: signingKeyFromSeed(createRandom('forger').bytes(32)) });
    expect(rig.device.licenses.processResponseCode(forged)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    expect(rig.device.licenses.processResponseCode('RSP1.garbage')).toMatchObject({ ok: false, error: { code: 'ENVELOPE_MALFORMED' } });
    expect(rig.device.licenses.processResponseCode('   ')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(rig.device.licenses.processResponseCode(good).ok).toBe(true);
  });

  it('[CL-7] refuses an old response code reused after a newer install, and the same code twice', async () => {
    const rig = await booted();
    const first = rig.responseFor(unwrap(rig.device.licenses.licenseProduct()).requestCode, [ports(10)]);
    unwrap(rig.device.licenses.processResponseCode(first));
    expect(rig.device.licenses.processResponseCode(first)).toMatchObject({ ok: false, error: { code: 'RESPONSE_STALE' } });
    const second = rig.responseFor(unwrap(rig.device.licenses.licenseProduct()).requestCode, [ports(2)]);
    unwrap(rig.device.licenses.processResponseCode(second));
    unwrap(rig.device.licenses.licenseProduct());
    expect(rig.device.licenses.processResponseCode(first)).toMatchObject({ ok: false, error: { code: 'RESPONSE_STALE' } });
    expect(rig.device.entitlements()).toEqual({ 'CLARITI-PORTS': 2 });
  });

  it("refuses another family's response code for this product", async () => {
    const rig = await booted();
    const code = rig.responseFor(unwrap(rig.device.licenses.licenseProduct()).requestCode, [ports(1)], { family: 'smartserver' });
    expect(rig.device.licenses.processResponseCode(code)).toMatchObject({ ok: false, error: { code: 'RESPONSE_FOREIGN' } });
  });

  it('keeps the old license when power fails while installing a new one', async () => {
    const rig = await booted();
    unwrap(rig.device.licenses.processResponseCode(rig.responseFor(unwrap(rig.device.licenses.licenseProduct()).requestCode, [ports(3)])));
    const next = rig.responseFor(unwrap(rig.device.licenses.licenseProduct()).requestCode, [ports(30)]);
    rig.board.power.cutAfterWrites(1);
    expect(rig.device.licenses.processResponseCode(next)).toMatchObject({ ok: false, error: { code: 'POWER_LOSS' } });
    rig.board.power.restore();
    await rig.untilRunning();
    expect(rig.device.entitlements()).toEqual({ 'CLARITI-PORTS': 3 });
    expect(unwrap(rig.device.licenses.processResponseCode(next)).entitlements).toEqual({ 'CLARITI-PORTS': 30 });
  });
});
