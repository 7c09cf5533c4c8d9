import { describe, expect, it } from 'vitest';
import { proofText, verifyDeviceProof } from '../../protocol/deviceCertificate.ts';
import { AUDIO_BOOT_TIME_MS, HEARTBEAT_INTERVAL_MS } from './audioMachine.ts';
import { createAudioRig } from './testing/audioRig.ts';

const acme = { accountId: 'acme', provisioningToken: 'token-1' };

describe('managed audio device', () => {
  it('boots from off through booting to running, not enrolled', async () => {
    const rig = createAudioRig();
    expect(rig.device.snapshot()).toMatchObject({ state: 'off', family: 'audio', enrollment: null, licenses: [] });
    rig.device.start();
    expect(rig.device.snapshot().state).toBe('booting');
    await rig.clock.advance(AUDIO_BOOT_TIME_MS);
    expect(rig.device.snapshot()).toMatchObject({ state: 'running', enrollment: null, lastError: null });
    expect(rig.device.history().map((h) => h.state)).toEqual(['off', 'booting', 'running']);
  });

  it('[PC-7] enrols with the service, signing the request with its certificate for that request ID', async () => {
    const rig = createAudioRig();
    await rig.boot();
    const enrolled = await rig.device.enroll(acme);
    expect(enrolled).toEqual({ ok: true, value: { accountId: 'acme', usage: { used: 1, allowed: 5 } } });
    expect(rig.device.snapshot()).toMatchObject({ enrollment: { accountId: 'acme', since: rig.clock.now() }, lastError: null });
    const request = rig.portal.requests[0]!;
    expect(request).toMatchObject({ op: 'audio.enroll', deviceId: 'audio-001', body: { ...acme, deviceKind: 'audio', hardwareId: rig.identity.hardwareId } });
    const body = request.body as { proof: string; certificate: string };
    const verified = verifyDeviceProof({
      certificate: body.certificate,
      manufacturerPublicKey: rig.factory.manufacturerPublicKey,
      hardwareId: rig.identity.hardwareId,
      proof: body.proof,
      text: proofText('audio.enroll', request.id, rig.identity.hardwareId, ['acme', 'audio']),
    });
    expect(verified.ok).toBe(true);
  });

  it('[PC-7] stays unenrolled when the service refuses, and says why', async () => {
    const rig = createAudioRig();
    await rig.boot();
    rig.portal.refuse('audio.enroll', 'MANAGED_DEVICE_LIMIT', 'account acme manages 5 audio device(s)');
    expect(await rig.device.enroll(acme)).toMatchObject({ ok: false, error: { code: 'MANAGED_DEVICE_LIMIT' } });
    expect(rig.device.snapshot()).toMatchObject({ enrollment: null, lastError: { code: 'MANAGED_DEVICE_LIMIT' } });
    rig.portal.answer('audio.enroll', (r) => ({ ok: true, body: { accountId: r.body.accountId, enrolledAt: 0, usage: { used: 5, allowed: 6 } } }));
    expect((await rig.device.enroll(acme)).ok).toBe(true);
    expect(rig.device.snapshot().lastError).toBeNull();
  });

  it('[PC-7] keeps its enrolment across a reset, and sends a heartbeat every interval while enrolled', async () => {
    const rig = createAudioRig();
    await rig.boot();
    await rig.clock.advance(3 * HEARTBEAT_INTERVAL_MS);
    expect(rig.portal.requests).toHaveLength(0);
    await rig.device.enroll(acme);
    await rig.reset();
    expect(rig.device.snapshot().enrollment).toMatchObject({ accountId: 'acme' });
    await rig.clock.advance(HEARTBEAT_INTERVAL_MS);
    await rig.clock.advance(HEARTBEAT_INTERVAL_MS);
    expect(rig.portal.requests.map((r) => r.op)).toEqual(['audio.enroll', 'audio.heartbeat', 'audio.heartbeat']);
    expect(rig.device.snapshot().lastHeartbeatAt).toBe(rig.clock.now());
  });

  it('[PC-7] drops its enrolment when a heartbeat says the service no longer counts it', async () => {
    const rig = createAudioRig();
    await rig.boot();
    await rig.device.enroll(acme);
    rig.portal.answer('audio.heartbeat', () => ({ ok: true, body: { enrolled: false, accountId: null } }));
    await rig.clock.advance(HEARTBEAT_INTERVAL_MS);
    expect(rig.device.snapshot()).toMatchObject({ enrollment: null, lastError: { code: 'NOT_ENROLLED' } });
    await rig.clock.advance(5 * HEARTBEAT_INTERVAL_MS);
    expect(rig.portal.requests.filter((r) => r.op === 'audio.heartbeat')).toHaveLength(1);
  });

  it('[PC-7] unenrols, and forgets a stale enrolment the service does not know', async () => {
    const rig = createAudioRig();
    await rig.boot();
    await rig.device.enroll(acme);
    expect(await rig.device.unenroll()).toEqual({ ok: true, value: { accountId: 'acme' } });
    expect(rig.device.snapshot().enrollment).toBeNull();
    await rig.device.enroll(acme);
    rig.portal.refuse('audio.unenroll', 'NOT_ENROLLED');
    expect(await rig.device.unenroll()).toMatchObject({ ok: false, error: { code: 'NOT_ENROLLED' } });
    expect(rig.device.snapshot().enrollment).toBeNull();
  });

  it('keeps a heartbeat that times out as lastError and stays enrolled', async () => {
    const rig = createAudioRig({ replyTimeoutMs: 1000 });
    await rig.boot();
    await rig.device.enroll(acme);
    rig.portal.answer('audio.heartbeat', () => undefined);
    await rig.clock.advance(HEARTBEAT_INTERVAL_MS + 1000);
    expect(rig.device.snapshot()).toMatchObject({ enrollment: { accountId: 'acme' }, lastError: { code: 'TIMEOUT' } });
  });

  it('refuses everything with NOT_RUNNING while off or booting, and a power cut during the NVRAM commit leaves it unenrolled', async () => {
    const rig = createAudioRig();
    expect(await rig.device.enroll(acme)).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } });
    rig.device.start();
    expect(await rig.device.unenroll()).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } });
    await rig.untilRunning();
    rig.board.power.cutAfterWrites(0);
    expect(await rig.device.enroll(acme)).toMatchObject({ ok: false, error: { code: 'POWER_LOSS' } });
    rig.board.power.restore();
    await rig.untilRunning();
    expect(rig.device.snapshot()).toMatchObject({ state: 'running', enrollment: null });
  });

  it('fails a request in flight with NOT_RUNNING when the device resets', async () => {
    const rig = createAudioRig();
    await rig.boot();
    rig.portal.answer('audio.enroll', () => undefined);
    const pending = rig.device.enroll(acme);
    rig.board.reset();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } });
  });
});
