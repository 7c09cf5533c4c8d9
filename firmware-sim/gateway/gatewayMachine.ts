import { assertEvent, assign, setup } from 'xstate';
import { HOUR } from '../../emulator/clock/duration.ts';
import { powerStates, type PowerEvent } from '../shared/powerStates.ts';
import type { InstalledLicense } from './gatewayImage.ts';

/**
 * The gateway/PBX firmware's lifecycle (the gateway vendor's licensing guide): off → booting →
 * running, with test mode nested in running. Pure logic: reading NVRAM and dropping portal
 * requests are the device's own (GatewayFirmware, the actor's input), and the delays run on the
 * clock given to `createActor`, so an 8-hour test mode passes in virtual time.
 *
 * Context is the firmware's RAM, cleared whenever the device stops running, and beside it the
 * device's firmware, which is not RAM and stays.
 */
export const BOOT_TIME_MS = 30_000;
/** [GW-9] test mode switches itself off after 8 hours, and the device reboots. */
export const TEST_MODE_DURATION_MS = 8 * HOUR;

/**
 * What the machine's actions do on the device, given per device as the actor's input: one
 * machine serves the whole family, where `provide` per device copied it for each (issue 11).
 */
export interface GatewayFirmware {
  /** Boot step: read NVRAM; the licenses installed in it are put in force. */
  loadSettings(): InstalledLicense[];
  /** Requests to the portal die with the RAM that awaited them. */
  abortPortalRequests(): void;
}

export interface GatewayContext {
  firmware: GatewayFirmware;
  /** [GW-5] the licenses installed when the device last booted: the ones in force until the next reset. */
  effective: InstalledLicense[];
  /** Gateway channels (calls) currently in use; runtime only. */
  channelsInUse: number;
}

export type GatewayEvent =
  | PowerEvent
  | { type: 'TEST_MODE_ON' }
  | { type: 'TEST_MODE_OFF' }
  | { type: 'CHANNELS_IN_USE'; count: number };

export const gatewayMachine = setup({
  types: {
    context: {} as GatewayContext,
    events: {} as GatewayEvent,
    input: {} as GatewayFirmware,
  },
  actions: {
    loadSettings: assign({ effective: ({ context }) => context.firmware.loadSettings() }),
    forgetRam: assign({ effective: () => [] as InstalledLicense[], channelsInUse: 0 }),
    abortPortalRequests: ({ context }) => context.firmware.abortPortalRequests(),
    setChannelsInUse: assign({
      channelsInUse: ({ event }) => {
        assertEvent(event, 'CHANNELS_IN_USE');
        return event.count;
      },
    }),
  },
  delays: {
    bootTime: BOOT_TIME_MS,
    testModeDuration: TEST_MODE_DURATION_MS,
  },
}).createMachine({
  id: 'gateway',
  initial: 'off',
  context: ({ input }) => ({ firmware: input, effective: [], channelsInUse: 0 }),
  states: powerStates({
    running: {
      on: {
        CHANNELS_IN_USE: { actions: 'setChannelsInUse' },
      },
      initial: 'normal',
      states: {
        normal: {
          on: { TEST_MODE_ON: 'testMode' },
        },
        // [GW-9] Test mode lives inside `running`, so any reboot — reset, power cut, or its own
        // 8-hour switch-off — ends it. The vendor doc ties test mode's end to a reboot, and a
        // device that kept unlimited licensing across resets would outlive its 8 hours.
        // Switching it off by hand just returns to the licenses in force, without a reboot.
        testMode: {
          on: { TEST_MODE_OFF: 'normal' },
          after: { testModeDuration: '#gateway.booting' },
        },
      },
    },
  }),
});
