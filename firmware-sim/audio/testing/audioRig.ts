import { audioOps } from '../../../protocol/messages/audio.ts';
import { createApplianceRig, type RigOptions } from '../../shared/testing/applianceRig.ts';
import { createAudioDevice } from '../createAudioDevice.ts';
import { AUDIO_BOOT_TIME_MS } from '../audioMachine.ts';

/**
 * One audio device on a real emulated board in virtual time, its link wired to a scripted
 * device-management service: each op answers as the test sets it (enrolled, heartbeats
 * acknowledged, by default), and every request is kept for inspection.
 */
export function createAudioRig(options: RigOptions & { heartbeatIntervalMs?: number } = {}) {
  const rig = createApplianceRig({
    id: 'audio-001',
    family: 'audio',
    seed: options.seed ?? 'audio-rig',
    bootTimeMs: AUDIO_BOOT_TIME_MS,
    build: ({ board }) => createAudioDevice({ board, replyTimeoutMs: options.replyTimeoutMs, heartbeatIntervalMs: options.heartbeatIntervalMs }),
  });
  const { portal, clock } = rig;
  portal.answer(audioOps.enroll.op, (r) => ({ ok: true, body: { accountId: r.body.accountId, enrolledAt: clock.now(), usage: { used: 1, allowed: 5 } } }));
  portal.answer(audioOps.unenroll.op, () => ({ ok: true, body: { accountId: 'acme' } }));
  portal.answer(audioOps.heartbeat.op, () => ({ ok: true, body: { enrolled: true, accountId: 'acme' } }));
  return rig;
}
