import { audioOps, audioProofSubject, type AudioOp } from '../../protocol/messages/audio.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { provenBody } from '../shared/provenBody.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import type { AudioCore, Enrollment } from './AudioCore.ts';
import type { AudioDevice } from './AudioDevice.ts';

/**
 * [PC-7] The device's side of the device-management service: enrol, unenrol and heartbeat over
 * the board's link, each request signed with the device key for its own request ID. The
 * enrolment is committed to NVRAM before it takes effect, so a power cut leaves the device as
 * it was.
 */
export function createAudioService(core: AudioCore): Pick<AudioDevice, 'enroll' | 'unenroll' | 'heartbeat'> {
  const { identity } = core.board;
  const hardwareId = identity.hardwareId;

  const notRunning = (what: string) => refuseUnlessRunning(core, what);
  const signed = (op: AudioOp, body: Record<string, unknown>) => provenBody({ identity, op, subject: audioProofSubject(op, body), body });

  const save = (enrollment: Enrollment | null): Result<unknown> => core.settings.update((image) => ({ ...image, enrollment }));

  return {
    async enroll({ accountId, provisioningToken }) {
      const refused = notRunning('enrol');
      if (refused) return core.outcome(refused);
      const { op, reply } = audioOps.enroll;
      const answer = await core.portal.request({ op, body: signed(op, { accountId, provisioningToken, deviceKind: 'audio' }), reply });
      if (!answer.ok) return core.outcome(answer);
      const gone = notRunning('enrol (the reply arrived after the device stopped running)');
      if (gone) return core.outcome(gone);
      const enrollment = { accountId: answer.value.accountId, provisioningToken, since: answer.value.enrolledAt };
      const saved = save(enrollment);
      if (!saved.ok) return core.outcome(saved);
      core.enrolled(enrollment);
      return core.outcome(ok({ accountId: enrollment.accountId, usage: answer.value.usage }));
    },

    async unenroll() {
      const refused = notRunning('unenrol');
      if (refused) return core.outcome(refused);
      const { op, reply } = audioOps.unenroll;
      const answer = await core.portal.request({ op, body: signed(op, {}), reply });
      const gone = notRunning('unenrol (the reply arrived after the device stopped running)');
      if (gone) return core.outcome(gone);
      // The service no longer counts the device either way; forget the enrolment here too.
      if (answer.ok || answer.error.code === 'NOT_ENROLLED') {
        const saved = save(null);
        if (!saved.ok) return core.outcome(saved);
        core.unenrolled();
      }
      return core.outcome(answer.ok ? ok({ accountId: answer.value.accountId }) : answer);
    },

    async heartbeat() {
      const refused = notRunning('heartbeat');
      if (refused) return core.outcome(refused);
      const { op, reply } = audioOps.heartbeat;
      const answer = await core.portal.request({ op, body: signed(op, {}), reply });
      if (!answer.ok) return core.outcome(answer);
      const gone = notRunning('heartbeat (the reply arrived after the device stopped running)');
      if (gone) return core.outcome(gone);
      core.heartbeatAnswered();
      if (!answer.value.enrolled && core.enrollment() !== null) {
        // The service dropped the device (e.g. it was unenrolled from elsewhere): stop acting managed.
        const saved = save(null);
        if (!saved.ok) return core.outcome(saved);
        core.unenrolled();
        return core.outcome(fail('NOT_ENROLLED', `the device-management service no longer counts ${core.board.id} (hardware ID ${hardwareId}) as enrolled`));
      }
      return core.outcome(ok({ enrolled: answer.value.enrolled }));
    },
  };
}
