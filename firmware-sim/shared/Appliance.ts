import type { Unsubscribe } from '../../emulator/link/Link.ts';
import type { MachineView } from './machineInspection.ts';

/**
 * What every appliance family's firmware offers the rig, whatever its licensing model: the
 * harness, the dashboard and the MQTT/serial adapters talk to a device only through this.
 * Family-specific operations (a gateway's License page, a SmartServer's cloud transfer) live on
 * the family's own interface, which extends this one.
 */
export type ApplianceRunState = 'off' | 'booting' | 'running';

/** One license as the device is running with it, in a shape every family can fill. */
export interface ApplianceLicense {
  readonly licenseId: string;
  readonly featureCode: string;
  readonly count: number;
  /** Family-defined, e.g. `active`, `expired`, `pending`. */
  readonly status: string;
}

/** The device's state as JSON — what is published retained on `fleetrig/v1/dev/{id}/state`. */
export interface ApplianceState {
  readonly deviceId: string;
  readonly family: string;
  readonly state: ApplianceRunState;
  /** The licenses in effect (not merely installed). */
  readonly licenses: readonly ApplianceLicense[];
}

export interface HistoryEntry {
  /** Clock time of the transition. */
  readonly at: number;
  /** The state entered, as a dotted path (`running`, `running.testMode`). */
  readonly state: string;
  /** What caused it (`POWER_ON`, `RESET`, `after:bootTime`), when known. */
  readonly event?: string;
}

export interface Appliance<S extends ApplianceState = ApplianceState> {
  readonly deviceId: string;
  readonly family: string;
  /** Starts the firmware: powers the board on if needed, which boots it. */
  start(): void;
  /** Halts the firmware for good (detaches from the board, cancels its timers); for tear-down. */
  stop(): void;
  snapshot(): S;
  /** Called after every change of the snapshot; returns the way to stop listening. */
  onChange(fn: (state: S) => void): Unsubscribe;
  /** State transitions so far, oldest first (bounded to the most recent entries). */
  history(): HistoryEntry[];
  /**
   * The lifecycle machine as the device page's machine view draws it: its definition, the
   * states it is in and its latest transitions. Every family built on the appliance shell has
   * it; a stand-in appliance (a test's fake) may not.
   */
  machine?(): MachineView;
}
