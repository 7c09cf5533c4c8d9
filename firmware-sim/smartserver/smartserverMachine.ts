import { assertEvent, assign, setup } from 'xstate';
import type { CloudLicense } from '../../protocol/messages/smartserver.ts';
import type { Failure } from '../../protocol/result.ts';
import { powerStates, type PowerEvent } from '../shared/powerStates.ts';
import type { InstalledLicense } from './smartserverImage.ts';

/**
 * The SmartServer firmware's lifecycle (the SmartServer licensing guide): off → booting →
 * running, and inside running the license-management work that must not overlap — claiming
 * licenses from the cloud, activating them (SS-5: "may take a couple of minutes", a delay on
 * the injected clock) and transferring them back (SS-6). Pure logic: reading NVRAM, installing
 * the activated licenses and dropping portal requests are the device's own (SmartServerFirmware,
 * the actor's input).
 *
 * Context is the firmware's RAM: cleared whenever the device stops running, so a reboot in the
 * middle of an activation forgets it (the cloud keeps the licenses bound to this server, and
 * the download list offers them again). Beside it is the device's firmware, which is not RAM and stays.
 */
export const BOOT_TIME_MS = 45_000;
/** [SS-5] how long activating the selected licenses takes once the cloud has granted them. */
export const ACTIVATION_TIME_MS = 2 * 60_000;

/** The license work under way: `running`'s substates, `idle` when none is. */
export type ActivationState = 'idle' | 'claiming' | 'activating' | 'transferring';

export interface ActivationJob {
  licenseIds: string[];
  installs: InstalledLicense[];
  completesAt: number;
}

export interface ActivationOutcome {
  licenseIds: string[];
  at: number;
  error: Pick<Failure, 'code' | 'message'> | null;
}

/**
 * What the machine's actions do on the device, given per device as the actor's input: one
 * machine serves the whole family, where `provide` per device copied it for each (issue 11).
 */
export interface SmartServerFirmware {
  /** Boot step: read NVRAM. */
  loadSettings(): void;
  /** [SS-5] commits the job's licenses to NVRAM; the RAM to change, to record the outcome. */
  installActivated(context: SmartServerContext): Partial<SmartServerContext>;
  /** Requests to the cloud die with the RAM that awaited them. */
  abortPortalRequests(): void;
}

export interface SmartServerContext {
  firmware: SmartServerFirmware;
  job: ActivationJob | null;
  /** How the last activation since boot ended. */
  lastActivation: ActivationOutcome | null;
  /** [SS-4] the Download Licenses from the Cloud view; null until downloaded since boot. */
  downloadList: CloudLicense[] | null;
  /** [SS-3] a Customer ID typed but neither saved nor discarded. */
  customerIdDraft: string | null;
}

export type SmartServerEvent =
  | PowerEvent
  /** The firmware restarts itself, e.g. to run an updated version. */
  | { type: 'REBOOT' }
  | { type: 'CLAIM' }
  | { type: 'CLAIMED'; job: ActivationJob }
  | { type: 'CLAIM_FAILED' }
  | { type: 'TRANSFER' }
  | { type: 'TRANSFER_DONE' }
  | { type: 'EDIT_CUSTOMER_ID'; draft: string | null }
  | { type: 'SET_DOWNLOAD_LIST'; rows: CloudLicense[] | null };

const blankRam = (): Omit<SmartServerContext, 'firmware'> => ({ job: null, lastActivation: null, downloadList: null, customerIdDraft: null });

export const smartserverMachine = setup({
  types: {
    context: {} as SmartServerContext,
    events: {} as SmartServerEvent,
    input: {} as SmartServerFirmware,
  },
  actions: {
    loadSettings: ({ context }) => context.firmware.loadSettings(),
    installActivated: assign(({ context }) => context.firmware.installActivated(context)),
    abortPortalRequests: ({ context }) => context.firmware.abortPortalRequests(),
    forgetRam: assign(blankRam),
    takeJob: assign({
      job: ({ event }) => {
        assertEvent(event, 'CLAIMED');
        return event.job;
      },
    }),
    setDraft: assign({
      customerIdDraft: ({ event }) => {
        assertEvent(event, 'EDIT_CUSTOMER_ID');
        return event.draft;
      },
    }),
    setDownloadList: assign({
      downloadList: ({ event }) => {
        assertEvent(event, 'SET_DOWNLOAD_LIST');
        return event.rows;
      },
    }),
  },
  delays: {
    bootTime: BOOT_TIME_MS,
    activationTime: ACTIVATION_TIME_MS,
  },
}).createMachine({
  id: 'smartserver',
  initial: 'off',
  context: ({ input }) => ({ firmware: input, ...blankRam() }),
  states: powerStates({
    running: {
      on: {
        REBOOT: 'booting',
        EDIT_CUSTOMER_ID: { actions: 'setDraft' },
        SET_DOWNLOAD_LIST: { actions: 'setDownloadList' },
      },
      initial: 'idle',
      states: {
        idle: {
          on: { CLAIM: 'claiming', TRANSFER: 'transferring' },
        },
        // [SS-5] asking the cloud to bind the selection to this server's install code.
        claiming: {
          on: { CLAIMED: { target: 'activating', actions: 'takeJob' }, CLAIM_FAILED: 'idle' },
        },
        // [SS-5] the cloud granted them; installing takes a couple of minutes.
        activating: {
          after: { activationTime: { target: 'idle', actions: 'installActivated' } },
        },
        // [SS-6] waiting for the cloud to take the licenses back.
        transferring: {
          on: { TRANSFER_DONE: 'idle' },
        },
      },
    },
  }),
});
