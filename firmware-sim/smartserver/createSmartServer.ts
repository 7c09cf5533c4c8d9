import type { Board } from '../../emulator/board/Board.ts';
import { ok } from '../../protocol/result.ts';
import { createApplianceShell } from '../shared/applianceShell.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import { createLicenseEdgeTimer } from '../shared/licenseEdgeTimer.ts';
import { createBoardPortalClient } from '../shared/portalClient.ts';
import { createSettingsStore } from '../shared/settingsStore.ts';
import { completeActivation } from './cloudActivation.ts';
import { createCloudLicenses } from './cloudLicenses.ts';
import { createCustomerAccounts } from './customerAccounts.ts';
import { capacityNow, colours, countColours, createFieldDevices } from './fieldDevices.ts';
import { DEFAULT_FIRMWARE_VERSION, licensingRequired, parseFirmwareVersion } from './firmwareVersion.ts';
import { recoveryFlash, updateFirmware } from './firmwareUpdate.ts';
import { createClockGuard, saveDue } from '../shared/clockGuard.ts';
import { deviceCapacity, maintenance, managedLicenses, nextLicenseEdge } from './installedLicenses.ts';
import { createOfflineActivation } from './offlineActivation.ts';
import { SMARTSERVER_FAMILY, type SmartServer, type SmartServerState } from './SmartServer.ts';
import { licenseTime, refuseLicenseManagement, type SmartServerCore } from './SmartServerCore.ts';
import { blankSmartServerImage, smartserverImageSchema } from './smartserverImage.ts';
import { smartserverMachine, type ActivationState, type SmartServerFirmware } from './smartserverMachine.ts';

export interface CreateSmartServerOptions {
  board: Board;
  /** The vendor key the cloud signs license files and response codes with. */
  vendorPublicKey: string;
  /** The firmware the board left the factory with; `4.0` by default. Before 3.3 no license is needed (SS-1). */
  firmwareVersion?: string;
  /** How long to wait for the cloud's reply; 30 s by default. */
  replyTimeoutMs?: number;
}

/**
 * Builds the SmartServer firmware on a board: the lifecycle machine on the board's clock (boot
 * and the minutes an activation takes pass in virtual time), the settings in NVRAM, the cloud
 * client on the board's link, and the CMS dialogs over them. `start()` powers the board on.
 */
export function createSmartServer(options: CreateSmartServerOptions): SmartServer {
  const { board, vendorPublicKey } = options;
  const factoryVersion = options.firmwareVersion ?? DEFAULT_FIRMWARE_VERSION;
  const version = parseFirmwareVersion(factoryVersion);
  if (!version.ok) throw new RangeError(`createSmartServer: firmwareVersion: ${version.error.message}`);
  const { clock } = board;
  const settings = createSettingsStore({ nvram: board.nvram, schema: smartserverImageSchema, blank: blankSmartServerImage, what: 'SmartServer settings' });
  const portal = createBoardPortalClient({ board, requestIds: 'smartserver-portal-requests', replyTimeoutMs: options.replyTimeoutMs });

  const clockGuard = createClockGuard(clock);
  const firmware: SmartServerFirmware = {
    loadSettings() {
      settings.load();
      clockGuard.load(settings.image().latestSeenAt);
    },
    installActivated: (context) => completeActivation(core, context),
    abortPortalRequests: () =>
      portal.abortAll(DeviceErrorCode.NotRunning, `the SmartServer ${board.id} stopped running (reset or power loss) before the cloud replied`),
  };
  const shell = createApplianceShell({
    board,
    family: SMARTSERVER_FAMILY,
    machine: smartserverMachine,
    input: firmware,
    portal,
    snapshot,
    historyState: (next) => (typeof next.value === 'string' ? next.value : `running.${String((next.value as { running: string }).running)}`),
    onTransition: () => licenseEdges.rearm(),
    onStop: () => licenseEdges.rearm(),
  });
  const { actor, isRunning } = shell;
  const machineSnapshot = () => actor.getSnapshot();
  const firmwareVersion = () => settings.image().firmwareVersion ?? factoryVersion;
  const activationState = (): ActivationState => {
    const value = machineSnapshot().value;
    return typeof value === 'object' && 'running' in value ? (value.running as ActivationState) : 'idle';
  };

  const core: SmartServerCore = {
    board,
    productName: 'SmartServer',
    settings,
    portal,
    vendorPublicKey,
    requestRandom: board.random.fork('smartserver-request-codes'),
    isRunning,
    licensingRequired: () => licensingRequired(firmwareVersion()),
    firmwareVersion,
    activationState,
    ram: () => machineSnapshot().context,
    send: (event) => actor.send(event),
    clockGuard,
    changed: () => {
      licenseEdges.rearm();
      shell.publish();
    },
  };

  /** A maintenance or capacity license ending changes the state with no event: wake up to tell. */
  const licenseEdges = createLicenseEdgeTimer({
    clock,
    nextEdge: (now) => {
      if (!isRunning()) return undefined;
      const next = Math.min(nextLicenseEdge(settings.image().licenses, now) ?? Infinity, clockGuard.clearsAt() ?? Infinity);
      return Number.isFinite(next) ? next : undefined;
    },
    // [TM-1] the same wake-ups (at least daily while a term runs) save the latest time seen when due.
    onEdge: () => {
      const latest = clockGuard.latestSeen();
      if (saveDue(settings.image().latestSeenAt, latest, settings.image().licenses.map((l) => l.end))) settings.update((image) => ({ ...image, latestSeenAt: latest }));
      shell.publish();
    },
  });

  function snapshot(): SmartServerState {
    const running = isRunning();
    const [now, tampered] = licenseTime(core);
    const image = settings.image();
    const ram = machineSnapshot().context;
    const installed = running ? image.licenses : [];
    const job = running ? ram.job : null;
    return {
      deviceId: board.id,
      family: SMARTSERVER_FAMILY,
      state: shell.runState(),
      firmwareVersion: firmwareVersion(),
      licensingRequired: core.licensingRequired(),
      installCode: board.identity.installCode,
      customerId: running ? image.customerId : null,
      customerIdEdited: running && ram.customerIdDraft !== null,
      licenses: managedLicenses(installed, now, tampered).map((l) => ({
        licenseId: l.licenseId, featureCode: l.featureCode, count: l.count, status: l.status, end: l.end, description: l.description,
      })),
      capacity: deviceCapacity(installed, now, tampered),
      maintenance: maintenance(installed, now, tampered),
      activation: {
        state: running ? activationState() : 'idle',
        licenseIds: job?.licenseIds ?? [],
        completesAt: job?.completesAt ?? null,
        last: running ? ram.lastActivation : null,
      },
      downloadList: running ? (ram.downloadList?.length ?? null) : null,
      fieldDevices: countColours(running ? colours(image.fieldDevices, capacityNow(core)) : []),
      nvramProblem: running ? (settings.loadProblem() ?? null) : null,
      ignoredFrames: portal.ignoredFrames(),
      clockTampered: running ? clockGuard.read().tampered : null,
    };
  }

  return {
    ...shell.appliance(),
    installCode: board.identity.installCode,
    accounts: createCustomerAccounts(core),
    cloud: createCloudLicenses(core),
    offline: createOfflineActivation(core),
    fieldDevices: createFieldDevices(core),
    licenses() {
      const refused = refuseLicenseManagement(core, 'Manage Licenses');
      return refused ?? ok(managedLicenses(settings.image().licenses, ...licenseTime(core)));
    },
    firmwareVersion,
    updateFirmware: (next) => updateFirmware(core, next),
    recoveryFlash: (next) => recoveryFlash(core, next),
  };
}
