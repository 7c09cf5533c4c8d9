import { assertEvent, assign, not, setup } from 'xstate';
import { HOUR } from '../../emulator/clock/duration.ts';
import { powerStates, type PowerEvent } from '../shared/powerStates.ts';

/**
 * The video product's lifecycle (the Clariti licensing guide): off → booting → running. While
 * running, the product is in `automatic` when automatic license refresh is on (standard mode,
 * box ticked, access token entered) and refreshes its license every `refreshInterval` (CL-3),
 * else in `manual`. Pure logic: reading NVRAM, the refresh itself and the guard reading the
 * settings are the device's own (VideoFirmware, the actor's input); the delays run on the clock
 * given to `createActor`, so a day between refreshes passes in virtual time.
 *
 * Context is the firmware's RAM, cleared whenever the device stops running, and beside it the
 * device's firmware, which is not RAM and stays.
 */
export const BOOT_TIME_MS = 45_000;
export const REFRESH_INTERVAL_MS = 24 * HOUR;

/**
 * What the machine's actions and guard do on the device, given per device as the actor's input:
 * one machine serves the whole family, where `provide` per device copied it for each (issue 11).
 */
export interface VideoFirmware {
  /** Boot step: read NVRAM. */
  loadSettings(): void;
  /** Requests to the portal die with the RAM that awaited them. */
  abortPortalRequests(): void;
  /** Starts an Update License on its own (CL-3). */
  refreshLicense(): void;
  /** Notes when the next automatic refresh is due. */
  scheduleRefresh(): void;
  unscheduleRefresh(): void;
  /** Standard mode, automatic refresh ticked and a token entered. */
  autoRefreshOn(): boolean;
}

export interface VideoMachineContext {
  firmware: VideoFirmware;
  activeCalls: number;
}

export type VideoEvent =
  | PowerEvent
  /** The Licenses page settings changed: re-check whether automatic refresh is on. */
  | { type: 'SETTINGS_CHANGED' }
  /** A license update just succeeded: the next automatic one is a full interval away. */
  | { type: 'UPDATED' }
  | { type: 'ACTIVE_CALLS'; count: number };

export const videoMachine = setup({
  types: {
    context: {} as VideoMachineContext,
    events: {} as VideoEvent,
    input: {} as VideoFirmware,
  },
  actions: {
    loadSettings: ({ context }) => context.firmware.loadSettings(),
    forgetRam: assign({ activeCalls: 0 }),
    abortPortalRequests: ({ context }) => context.firmware.abortPortalRequests(),
    refreshLicense: ({ context }) => context.firmware.refreshLicense(),
    scheduleRefresh: ({ context }) => context.firmware.scheduleRefresh(),
    unscheduleRefresh: ({ context }) => context.firmware.unscheduleRefresh(),
    setActiveCalls: assign({
      activeCalls: ({ event }) => {
        assertEvent(event, 'ACTIVE_CALLS');
        return event.count;
      },
    }),
  },
  guards: {
    autoRefreshOn: ({ context }) => context.firmware.autoRefreshOn(),
  },
  delays: {
    bootTime: BOOT_TIME_MS,
    refreshInterval: REFRESH_INTERVAL_MS,
  },
}).createMachine({
  id: 'video',
  initial: 'off',
  context: ({ input }) => ({ firmware: input, activeCalls: 0 }),
  states: powerStates({
    running: {
      on: {
        ACTIVE_CALLS: { actions: 'setActiveCalls' },
        // No target: the `always` guards below look at the new settings.
        SETTINGS_CHANGED: {},
      },
      initial: 'manual',
      states: {
        manual: {
          always: { guard: 'autoRefreshOn', target: 'automatic' },
        },
        automatic: {
          entry: 'scheduleRefresh',
          exit: 'unscheduleRefresh',
          always: { guard: not('autoRefreshOn'), target: 'manual' },
          on: { UPDATED: { target: 'automatic', reenter: true } },
          after: { refreshInterval: { target: 'automatic', reenter: true, actions: 'refreshLicense' } },
        },
      },
    },
  }),
});
