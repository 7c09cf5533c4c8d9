import { describe, it, expect } from 'vitest';
import type { ActorLogic, SnapshotFrom } from 'xstate';
import { audioOps } from '../../protocol/messages/audio.ts';
import { unwrap } from '../../protocol/result.ts';
import { afterEvent, describePath, modelPaths } from '../shared/testing/modelPaths.ts';
import type { Enrollment } from './AudioCore.ts';
import { AUDIO_BOOT_TIME_MS, HEARTBEAT_INTERVAL_MS, audioMachine, type AudioEvent, type AudioFirmware } from './audioMachine.ts';
import { createAudioRig } from './testing/audioRig.ts';

/**
 * Model-based test: the lifecycle machine is the model, an audio device on a real board with a
 * scripted device-management service the system under test. The firmware's `loadSettings`
 * reads the enrolment from NVRAM, so the model pairs the machine with that NVRAM enrolment —
 * ENROLLED and UNENROLLED commit it, as the firmware does before sending them — and gives it
 * a firmware whose `loadSettings` answers from it. Every simple path, transition and pair of
 * transitions is replayed on a fresh device.
 */
/** The machine's snapshot beside the setting it reads, as one active snapshot of the pair. */
type ModelSnapshot = {
  status: 'active';
  output: undefined;
  error: undefined;
  machine: SnapshotFrom<typeof audioMachine>;
  nvram: Enrollment | null;
};

// The NVRAM enrolment `loadSettings` reads, set from the snapshot before each transition.
let stored: Enrollment | null = null;
const firmware: AudioFirmware = { loadSettings: () => stored, abortPortalRequests: () => {}, sendHeartbeat: () => {} };
const model: ActorLogic<ModelSnapshot, AudioEvent> = {
  getInitialSnapshot: (scope) => {
    stored = null;
    return { status: 'active', output: undefined, error: undefined, machine: audioMachine.getInitialSnapshot(scope as never, firmware), nvram: null };
  },
  transition: (snapshot, event, scope) => {
    const nvram = event.type === 'ENROLLED' ? event.enrollment : event.type === 'UNENROLLED' ? null : snapshot.nvram;
    stored = nvram;
    return { ...snapshot, machine: audioMachine.transition(snapshot.machine, event, scope as never), nvram };
  },
  getPersistedSnapshot: (snapshot) => snapshot,
};

const boot = afterEvent(audioMachine, 'bootTime', 'audio.booting');
const heartbeat = afterEvent(audioMachine, 'heartbeatInterval', 'audio.running.enrolled');
const enrolment = (accountId: string): Enrollment => ({ accountId, provisioningToken: `token-${accountId}`, since: 0 });
const events: AudioEvent[] = [
  { type: 'POWER_ON' }, { type: 'POWER_OFF' }, { type: 'RESET' }, boot, heartbeat, { type: 'UNENROLLED' },
  // Enrolling, and enrolling again with another account while enrolled.
  { type: 'ENROLLED', enrollment: enrolment('acme') },
  { type: 'ENROLLED', enrollment: enrolment('globex') },
];
const paths = modelPaths(model, {
  events: (snapshot) => {
    stored = snapshot.nvram;
    return events.filter((event) => snapshot.machine.can(event));
  },
  serialize: ({ machine: { value, context }, nvram }) => JSON.stringify({ value, context, nvram }),
});

async function replay(path: (typeof paths)[number]) {
  const rig = createAudioRig();
  const { device, clock, board, portal } = rig;
  const steps = path.steps.slice(1);
  let started = false;
  const heartbeats = () => portal.requests.filter((r) => r.op === audioOps.heartbeat.op).length;
  try {
    for (const { event, state: { machine: model, nvram } } of steps) {
      const beatsBefore = heartbeats();
      switch (event.type) {
        case 'POWER_ON':
          if (started) board.power.restore();
          else device.start();
          started = true;
          break;
        case 'POWER_OFF': board.power.cut(); break;
        case 'RESET': board.reset(); break;
        case 'ENROLLED': unwrap(await device.enroll({ accountId: event.enrollment.accountId, provisioningToken: event.enrollment.provisioningToken })); break;
        case 'UNENROLLED': unwrap(await device.unenroll()); break;
        case boot.type: await clock.advance(AUDIO_BOOT_TIME_MS); break;
        case heartbeat.type:
          await clock.advance(HEARTBEAT_INTERVAL_MS - 1);
          expect(heartbeats(), 'no heartbeat before a full interval').toBe(beatsBefore);
          await clock.advance(1);
          break;
      }
      const seen = device.snapshot();
      expect(seen.state).toBe(typeof model.value === 'string' ? model.value : 'running');
      // The device holds no license of its own: the Managed Device licenses live in the service.
      expect(seen.licenses).toEqual([]);
      // [PC-7] exactly one heartbeat per interval while enrolled, and none otherwise.
      expect(heartbeats() - beatsBefore).toBe(event.type === heartbeat.type ? 1 : 0);
      if (seen.state !== 'running') continue;
      // [PC-7] the enrolment survives resets and power cuts: after every reboot the device is
      // managed by the account it last enrolled with.
      expect(seen.enrollment?.accountId ?? null).toBe(model.context.enrollment?.accountId ?? null);
      expect(model.matches({ running: 'enrolled' })).toBe(nvram !== null);
    }
  } catch (error) {
    throw new Error(`after ${describePath(steps)}: ${(error as Error).message}`, { cause: error });
  } finally {
    device.stop();
  }
}

describe('audioMachine as a model of the managed audio device', () => {
  it('generates paths through enrolment, heartbeats and reboots', () => {
    console.log(`audio model: ${paths.length} paths`);
    expect(paths.length).toBeGreaterThan(100);
    for (const type of [heartbeat.type, 'UNENROLLED']) expect(paths.some((p) => p.steps.some((s) => s.event.type === type))).toBe(true);
  });

  it('[PC-7] a device replaying every path is where the model is, keeps its enrolment across reboots, beats once per interval only while enrolled, and holds no license', async () => {
    for (const path of paths) await replay(path);
  });
});
