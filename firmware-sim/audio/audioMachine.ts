import { assertEvent, assign, setup } from 'xstate';
import { DAY } from '../../emulator/clock/duration.ts';
import { powerStates, type PowerEvent } from '../shared/powerStates.ts';
import type { AudioImage } from './audioImage.ts';

/**
 * The managed audio device's lifecycle: off → booting → running, and within running whether
 * the device-management service manages it. Pure logic: reading NVRAM, dropping portal
 * requests and sending heartbeats are the device's own (AudioFirmware, the actor's input); the
 * delays run on the clock given to `createActor`, so a year of heartbeats passes in virtual time.
 */
export const AUDIO_BOOT_TIME_MS = 20_000;
/**
 * How often an enrolled device tells the service it is alive: weekly, often enough for license
 * terms counted in days, and cheap enough that a fleet's year passes quickly in virtual time.
 */
export const HEARTBEAT_INTERVAL_MS = 7 * DAY;

/**
 * What the machine's actions do on the device, given per device as the actor's input: one
 * machine serves the whole family, where `provide` per device copied it for each (issue 11).
 */
export interface AudioFirmware {
  /** Boot step: read the enrolment from NVRAM. */
  loadSettings(): AudioImage['enrollment'];
  /** Requests to the service die with the RAM that awaited them. */
  abortPortalRequests(): void;
  sendHeartbeat(): void;
}

export interface AudioContext {
  /** The device's own parts; not RAM, so kept when the device stops. */
  firmware: AudioFirmware;
  /** The enrolment in NVRAM, loaded at boot; RAM only, cleared whenever the device stops. */
  enrollment: AudioImage['enrollment'];
}

export type AudioEvent =
  | PowerEvent
  | { type: 'ENROLLED'; enrollment: NonNullable<AudioImage['enrollment']> }
  | { type: 'UNENROLLED' };

export const audioMachine = setup({
  types: {
    context: {} as AudioContext,
    events: {} as AudioEvent,
    input: {} as AudioFirmware,
  },
  actions: {
    loadSettings: assign({ enrollment: ({ context }) => context.firmware.loadSettings() }),
    forgetRam: assign({ enrollment: () => null as AudioContext['enrollment'] }),
    abortPortalRequests: ({ context }) => context.firmware.abortPortalRequests(),
    sendHeartbeat: ({ context }) => context.firmware.sendHeartbeat(),
    setEnrollment: assign({
      enrollment: ({ event }) => {
        assertEvent(event, 'ENROLLED');
        return event.enrollment;
      },
    }),
    clearEnrollment: assign({ enrollment: () => null as AudioContext['enrollment'] }),
  },
  guards: {
    isEnrolled: ({ context }) => context.enrollment !== null,
  },
  delays: {
    bootTime: AUDIO_BOOT_TIME_MS,
    heartbeatInterval: HEARTBEAT_INTERVAL_MS,
  },
}).createMachine({
  id: 'audio',
  initial: 'off',
  context: ({ input }) => ({ firmware: input, enrollment: null }),
  states: powerStates({
    running: {
      initial: 'starting',
      states: {
        starting: {
          always: [{ guard: 'isEnrolled', target: 'enrolled' }, { target: 'unenrolled' }],
        },
        unenrolled: {
          on: { ENROLLED: { target: 'enrolled', actions: 'setEnrollment' } },
        },
        // [PC-7] While managed, the device beats every interval; the timer restarts on re-entry.
        enrolled: {
          on: {
            ENROLLED: { actions: 'setEnrollment' },
            UNENROLLED: { target: 'unenrolled', actions: 'clearEnrollment' },
          },
          after: { heartbeatInterval: { target: 'enrolled', reenter: true, actions: 'sendHeartbeat' } },
        },
      },
    },
  }),
});
