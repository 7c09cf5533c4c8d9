import { describe, expect, it } from 'vitest';
import type { MachineGraph } from '../shared/machineInspection.ts';
import { AUDIO_BOOT_TIME_MS } from './audioMachine.ts';
import { createAudioRig } from './testing/audioRig.ts';

const ids = (node: MachineGraph): string[] => [node.id, ...node.states.flatMap(ids)];

describe('the audio device\'s machine view', () => {
  it('[PC-7] draws enrolment inside running, and shows the boot through starting to unenrolled, then the enrolment', async () => {
    const rig = createAudioRig({ heartbeatIntervalMs: 60_000 });
    rig.device.start();
    const powered = rig.clock.now();
    await rig.untilRunning();
    const { definition, current, transitions, delays } = rig.device.machine!();
    expect(ids(definition)).toEqual(['audio', 'audio.off', 'audio.booting', 'audio.running', 'audio.running.starting', 'audio.running.unenrolled', 'audio.running.enrolled']);
    expect(current).toEqual(['audio.running', 'audio.running.unenrolled']);
    // The device's own heartbeat interval, not the one of the machine the graph was drawn from.
    expect(delays).toEqual({ bootTime: AUDIO_BOOT_TIME_MS, heartbeatInterval: 60_000 });
    expect(transitions).toEqual([
      { at: powered, event: 'POWER_ON', from: 'off', to: 'booting' },
      { at: powered + AUDIO_BOOT_TIME_MS, event: 'after:bootTime', from: 'booting', to: 'running.starting' },
      { at: powered + AUDIO_BOOT_TIME_MS, event: 'always', from: 'running.starting', to: 'running.unenrolled' },
    ]);

    expect((await rig.device.enroll({ accountId: 'acme', provisioningToken: 'token-1' })).ok).toBe(true);
    expect(rig.device.machine!().transitions.at(-1)).toMatchObject({ event: 'ENROLLED', from: 'running.unenrolled', to: 'running.enrolled' });
  });
});
