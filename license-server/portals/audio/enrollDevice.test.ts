import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { DAY_MS } from '../../core/licenseTerms.ts';
import { PortalRole } from './portalUsers.ts';
import { createAudioPortalRig, type AudioPortalRig } from './testing/audioPortalRig.ts';

const AUDIO = 'PDMS-AUDIO';

describe('device-management portal: managed devices', () => {
  let r: AudioPortalRig;
  beforeEach(async () => {
    r = await createAudioPortalRig();
  });
  afterEach(async () => {
    await r.close();
  });

  const usage = async () => unwrap(await r.portal.summary(r.admin)).managedDevices[AUDIO];

  it('[PC-7] enrols audio devices up to the Managed Device bound and refuses one more', async () => {
    await r.activate([{ featureCode: AUDIO, count: 2, transactionType: 'New' }]);
    expect(await r.enroll('phone-1')).toMatchObject({ ok: true, value: { accountId: 'acme', usage: { used: 1, allowed: 2 } } });
    expect(await r.enroll('phone-2')).toMatchObject({ ok: true, value: { usage: { used: 2, allowed: 2 } } });
    const refused = await r.enroll('phone-3');
    expect(refused).toMatchObject({ ok: false, error: { code: 'MANAGED_DEVICE_LIMIT' } });
    if (!refused.ok) expect(refused.error.message).toContain('manages 2 audio device(s) and its PDMS-AUDIO licenses in force allow 2');
    expect(await usage()).toEqual({ used: 2, allowed: 2 });
  });

  it('[PC-7] lets an Addon raise the bound during the term, and only during it', async () => {
    const [term] = (await r.activate([{ featureCode: AUDIO, count: 1, transactionType: 'New' }])).licenses;
    unwrap(await r.enroll('phone-1'));
    expect(await r.enroll('phone-2')).toMatchObject({ ok: false, error: { code: 'MANAGED_DEVICE_LIMIT' } });
    await r.activate([{ featureCode: AUDIO, count: 2, transactionType: 'Addon' }]);
    expect(await usage()).toEqual({ used: 1, allowed: 3 });
    unwrap(await r.enroll('phone-2'));
    unwrap(await r.enroll('phone-3'));
    await r.clock.advanceTo(term!.endTime!);
    // Enrolled devices stay enrolled when the term ends; only new ones are refused.
    expect(await usage()).toEqual({ used: 3, allowed: 0 });
    const none = await r.enroll('phone-4');
    if (!none.ok) expect(none.error.message).toContain('no PDMS-AUDIO license is in force');
    expect(none.ok).toBe(false);
  });

  it('[PC-7] frees a place when a device unenrols, and enrolling again where it is changes nothing', async () => {
    await r.activate([{ featureCode: AUDIO, count: 1, transactionType: 'New' }]);
    const first = unwrap(await r.enroll('phone-1'));
    await r.clock.advance(DAY_MS);
    expect(await r.enroll('phone-1')).toEqual({ ok: true, value: { ...first, usage: { used: 1, allowed: 1 } } });
    expect(await r.portal.unenroll(r.signed('phone-1', 'unenroll'))).toEqual({ ok: true, value: { accountId: 'acme' } });
    expect(await r.portal.unenroll(r.signed('phone-1', 'unenroll'))).toMatchObject({ ok: false, error: { code: 'NOT_ENROLLED' } });
    unwrap(await r.enroll('phone-2'));
    expect(unwrap(await r.portal.listDevices(r.admin)).map((d) => d.hardwareId)).toEqual([r.t.device('phone-2').hardwareId]);
  });

  it('[PC-7] answers heartbeats with whether the device is enrolled, and records when it was last seen', async () => {
    await r.activate([{ featureCode: AUDIO, count: 1, transactionType: 'New' }]);
    expect(await r.portal.heartbeat(r.signed('phone-1', 'heartbeat'))).toEqual({ ok: true, value: { enrolled: false, accountId: null } });
    unwrap(await r.enroll('phone-1'));
    await r.clock.advance(DAY_MS);
    expect(await r.portal.heartbeat(r.signed('phone-1', 'heartbeat'))).toEqual({ ok: true, value: { enrolled: true, accountId: 'acme' } });
    expect(unwrap(await r.portal.listDevices(r.admin))[0]).toMatchObject({ lastSeenAt: r.clock.now(), enrolledAt: r.clock.now() - DAY_MS, deviceKind: 'audio' });
  });

  it('[PC-7] refuses a wrong provisioning token, a forged proof and a device enrolled elsewhere', async () => {
    await r.activate([{ featureCode: AUDIO, count: 5, transactionType: 'New' }]);
    const { provisioningToken } = unwrap(await r.portal.provisioningToken(r.admin));
    expect(unwrap(await r.portal.provisioningToken(r.admin)).provisioningToken).toBe(provisioningToken);
    const wrong = r.signed('phone-1', 'enroll', { accountId: 'acme', provisioningToken: 'guess' });
    expect(await r.portal.enroll(wrong as never)).toMatchObject({ ok: false, error: { code: 'PROVISIONING_TOKEN_INVALID' } });
    const forged = { ...r.signed('phone-1', 'enroll', { accountId: 'acme', provisioningToken }), proof: r.signed('phone-2', 'enroll', { accountId: 'acme' }).proof };
    expect(await r.portal.enroll(forged as never)).toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
    const stolenCert = { ...r.signed('phone-1', 'unenroll'), certificate: r.t.device('phone-2').certificate };
    expect(await r.portal.unenroll(stolenCert)).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });

    unwrap(await r.enroll('phone-1'));
    const rival = { accountId: 'rival', user: 'rita' };
    unwrap(await r.portal.putUser(rival, { name: 'rita', roles: [PortalRole.AccountAdmin, PortalRole.DeviceAdmin] }));
    const rivalToken = unwrap(await r.portal.provisioningToken(rival)).provisioningToken;
    expect(rivalToken).not.toBe(provisioningToken);
    const elsewhere = r.signed('phone-1', 'enroll', { accountId: 'rival', provisioningToken: rivalToken });
    expect(await r.portal.enroll(elsewhere as never)).toMatchObject({ ok: false, error: { code: 'DEVICE_ENROLLED_ELSEWHERE' } });
  });

  it('refuses malformed device requests, naming the field', async () => {
    const body = r.signed('phone-1', 'enroll', { accountId: 'acme', provisioningToken: 't' });
    expect(await r.portal.enroll({ ...body, deviceKind: 'toaster' } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'deviceKind' } });
    expect(await r.portal.enroll({ ...body, accountId: 'a b' } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'accountId' } });
    expect(await r.portal.heartbeat({ hardwareId: 'HW' } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'certificate' } });
  });
});
