import type { ClockTamper } from '../shared/clockGuard.ts';
import type { Result } from '../../protocol/result.ts';
import type { Appliance, ApplianceLicense, ApplianceState } from '../shared/Appliance.ts';
import type { CloudLicenses } from './cloudLicenses.ts';
import type { CustomerAccounts } from './customerAccounts.ts';
import type { FieldDeviceCounts, FieldDevices } from './fieldDevices.ts';
import type { LicenseTimeStatus, Maintenance, ManagedLicense } from './installedLicenses.ts';
import type { OfflineActivation } from './offlineActivation.ts';
import type { ActivationOutcome, ActivationState } from './smartserverMachine.ts';

/**
 * The SmartServer building-automation server of the SmartServer licensing guide as the rig
 * drives it: the family-independent Appliance plus the SmartServer CMS's Manage Licenses dialog
 * and the field devices of its Devices widget. Every operation returns NOT_RUNNING while the
 * device is off or booting, and license management returns LICENSE_MANAGEMENT_UNAVAILABLE on
 * firmware older than 3.3 (SS-1).
 */
export const SMARTSERVER_FAMILY = 'smartserver';

export interface SmartServerLicense extends ApplianceLicense {
  readonly status: LicenseTimeStatus;
  readonly end: number | null;
  readonly description: string;
}

export interface SmartServerState extends ApplianceState {
  readonly family: typeof SMARTSERVER_FAMILY;
  readonly firmwareVersion: string;
  /** [SS-1] true from firmware 3.3 on. */
  readonly licensingRequired: boolean;
  readonly installCode: string;
  /** [SS-3] the saved Customer ID. */
  readonly customerId: string | null;
  /** [SS-3] a Customer ID has been typed but neither saved nor discarded. */
  readonly customerIdEdited: boolean;
  /** The licenses under Manage Licenses. */
  readonly licenses: readonly SmartServerLicense[];
  /** [SS-7] how many field devices the device-capacity licenses in force allow. */
  readonly capacity: number;
  readonly maintenance: Maintenance;
  readonly activation: {
    readonly state: ActivationState;
    /** What is being activated; empty when idle. */
    readonly licenseIds: readonly string[];
    readonly completesAt: number | null;
    readonly last: ActivationOutcome | null;
  };
  /** [SS-4] rows in the Download Licenses from the Cloud view; null until downloaded since boot. */
  readonly downloadList: number | null;
  /** [SS-7] field devices by colour: purple, blue and green. */
  readonly fieldDevices: FieldDeviceCounts;
  readonly nvramProblem: string | null;
  readonly ignoredFrames: number;
  /** [TM-1] set while the server clock reads earlier than the latest time it has seen: licenses with an end do not count. */
  readonly clockTampered: ClockTamper | null;
}

export interface SmartServer extends Appliance<SmartServerState> {
  readonly installCode: string;
  /** [SS-3] Manage Customer Accounts. */
  readonly accounts: CustomerAccounts;
  /** [SS-4, SS-5, SS-6] Download Licenses from the Cloud, ACTIVATE, Transfer to Cloud. */
  readonly cloud: CloudLicenses;
  /** [SS-8] offline capacity activation: request code out, response code in. */
  readonly offline: OfflineActivation;
  /** [SS-7] LON, BACnet and Modbus devices and their provisioning. */
  readonly fieldDevices: FieldDevices;
  /** Manage Licenses: every installed license with its description and status. */
  licenses(): Result<ManagedLicense[]>;
  firmwareVersion(): string;
  /**
   * Installs another firmware version and reboots into it. From 3.3 on this needs an active
   * maintenance license (MAINTENANCE_REQUIRED): maintenance expiry stops updates, nothing else.
   */
  updateFirmware(version: string): Result<{ version: string; rebooting: true }>;
  /** USB recovery on the bench: re-images any version, keeping settings, without maintenance. */
  recoveryFlash(version: string): Result<{ version: string; rebooting: true }>;
}
