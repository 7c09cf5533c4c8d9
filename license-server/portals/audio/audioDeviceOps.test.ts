import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../protocol/messages/envelope.ts';
import { serveTestLink, type TestLink } from '../../testing/testLink.ts';
import { unwrap } from '../../../protocol/result.ts';
import { createAudioPortalRig, type AudioPortalRig } from './testing/audioPortalRig.ts';

describe('device-management ops over a link', () => {
  let r: AudioPortalRig;
  let link: TestLink;
  beforeEach(async () => {
    r = await createAudioPortalRig();
    link = serveTestLink(r.t);
  });
  afterEach(async () => {
    await r.close();
  });

  const exchange = (frame: unknown): Promise<Reply> => link.exchange(frame);

  it('[PC-7] enrols, beats and unenrols a device whose proofs sign the envelope\'s request IDs', async () => {
    await r.activate([{ featureCode: 'PDMS-AUDIO', count: 1 }]);
    const { provisioningToken } = unwrap(await r.portal.provisioningToken(r.admin));
    const { requestId, ...enroll } = r.signed('phone-1', 'enroll', { accountId: 'acme', provisioningToken });
    expect(await exchange({ id: 'other-id', op: 'audio.enroll', deviceId: 'audio-001', body: enroll })).toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
    expect(await exchange({ id: requestId, op: 'audio.enroll', deviceId: 'audio-001', body: enroll })).toMatchObject({
      ok: true, body: { accountId: 'acme', usage: { used: 1, allowed: 1 } },
    });
    const { requestId: beatId, ...beat } = r.signed('phone-1', 'heartbeat');
    expect(await exchange({ id: beatId, op: 'audio.heartbeat', deviceId: 'audio-001', body: beat })).toEqual({ id: beatId, ok: true, body: { enrolled: true, accountId: 'acme' } });
    const { requestId: leaveId, ...leave } = r.signed('phone-1', 'unenroll');
    expect(await exchange({ id: leaveId, op: 'audio.unenroll', deviceId: 'audio-001', body: leave })).toEqual({ id: leaveId, ok: true, body: { accountId: 'acme' } });
  });

  it('[TM-3] refuses an enrolment sent again from another link after the device left', async () => {
    await r.activate([{ featureCode: 'PDMS-AUDIO', count: 1 }]);
    const { provisioningToken } = unwrap(await r.portal.provisioningToken(r.admin));
    const { requestId, ...enroll } = r.signed('phone-1', 'enroll', { accountId: 'acme', provisioningToken });
    expect(await exchange({ id: requestId, op: 'audio.enroll', deviceId: 'audio-001', body: enroll })).toMatchObject({ ok: true });
    const { requestId: leaveId, ...leave } = r.signed('phone-1', 'unenroll');
    expect(await exchange({ id: leaveId, op: 'audio.unenroll', deviceId: 'audio-001', body: leave })).toMatchObject({ ok: true });
    expect(await exchange({ id: requestId, op: 'audio.enroll', deviceId: 'audio-009', body: enroll })).toMatchObject({ ok: false, error: { code: 'REQUEST_REPLAYED' } });
  });

  it('answers a malformed body BAD_REQUEST naming the field', async () => {
    const reply = await exchange({ id: 'r1', op: 'audio.enroll', deviceId: 'audio-001', body: { hardwareId: 'HW1', deviceKind: 'toaster' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((reply as { error: { message: string } }).error.message).toContain('audio.enroll body');
  });
});
