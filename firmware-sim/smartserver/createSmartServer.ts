import { assign, createActor, type SnapshotFrom } from 'xstate';
import type { Board } from '../../emulator/board/Board.ts';
import type { TimerId } from '../../emulator/clock/Clock.ts';
import { DAY } from '../../emulator/clock/duration.ts';
import { Listeners, type Unsubscribe } from '../../emulator/link/Link.ts';
import { ok } from '../../protocol/result.ts';
import type { ApplianceRunState, HistoryEntry } from '../shared/Appliance.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import { createPortalClient } from '../shared/portalClient.ts';
import { completeActivation } from './cloudActivation.ts';
import { createCloudLicenses } from './cloudLicenses.ts';
import { createCustomerAccounts } from './customerAccounts.ts';
import { capacityNow, colours, countColours, createFieldDevices } from './fieldDevices.ts';
import { DEFAULT_FIRMWARE_VERSION, licensingRequired, parseFirmwareVersion } from './firmwareVersion.ts';
import { recoveryFlash, updateFirmware } from './firmwareUpdate.ts';
import { deviceCapacity, maintenance, managedLicenses, nextLicenseEdge } from './installedLicenses.ts';
import { createOfflineActivation } from './offlineActivation.ts';
import { SMARTSERVER_FAMILY, type ActivationState, type SmartServer, type SmartServerState } from './SmartServer.ts';
import { refuseLicenseManagement, type SmartServerCore } from './SmartServerCore.ts';
import { smartserverMachine } from './smartserverMachine.ts';
import { createSmartServerSettings } from './smartserverSettings.ts';

export interface CreateSmartServerOptions {
  board: Board;
  /** The vendor key the cloud signs license files and response codes with. */
  vendorPublicKey: string;
  /** The firmware the board left the factory with; `4.0` by default. Before 3.3 no license is needed (SS-1). */
  firmwareVersion?: string;
  /** How long to wait for the cloud's reply; 30 s by default. */
  replyTimeoutMs?: number;
}

const HISTORY_KEPT = 200;
// Node's timers cannot wait longer than ~24.8 days, so a year of maintenance is watched in steps.
const LONGEST_WAIT_MS = DAY;

type Snapshot = SnapshotFrom<typeof smartserverMachine>;

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
  const settings = createSmartServerSettings({ nvram: board.nvram });
  const portal = createPortalClient({
    link: board.link,
    clock,
    random: board.random.fork('smartserver-portal-requests'),
    deviceId: board.id,
    replyTimeoutMs: options.replyTimeoutMs,
  });
  const listeners = new Listeners<SmartServerState>();
  const history: HistoryEntry[] = [];
  const subscriptions: Unsubscribe[] = [];
  let started = false;
  let stopped = false;
  let lastPublished = '';
  let edgeTimer: TimerId | undefined;

  const machine = smartserverMachine.provide({
    actions: {
      loadSettings: () => settings.load(),
      installActivated: assign(({ context }) => completeActivation(core, context)),
      abortPortalRequests: () =>
        portal.abortAll(DeviceErrorCode.NotRunning, `the SmartServer ${board.id} stopped running (reset or power loss) before the cloud replied`),
    },
  });
  const actor = createActor(machine, {
    clock,
    inspect: (event) => {
      if (event.type === '@xstate.snapshot') onTransition(event.snapshot as Snapshot, event.event.type);
    },
  });

  const machineSnapshot = () => actor.getSnapshot();
  const runState = (): ApplianceRunState => (stopped ? 'off' : (topLevel(machineSnapshot().value) as ApplianceRunState));
  const isRunning = () => runState() === 'running';
  const firmwareVersion = () => settings.image().firmwareVersion ?? factoryVersion;
  const activationState = (): ActivationState => {
    const value = machineSnapshot().value;
    return typeof value === 'object' && 'running' in value ? (value.running as ActivationState) : 'idle';
  };

  const core: SmartServerCore = {
    board,
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
    changed: () => {
      watchLicenseEdges();
      publish();
    },
  };

  function snapshot(): SmartServerState {
    const running = isRunning();
    const now = clock.now();
    const image = settings.image();
    const ram = machineSnapshot().context;
    const installed = running ? image.licenses : [];
    const job = running ? ram.job : null;
    return {
      deviceId: board.id,
      family: SMARTSERVER_FAMILY,
      state: runState(),
      firmwareVersion: firmwareVersion(),
      licensingRequired: core.licensingRequired(),
      installCode: board.identity.installCode,
      customerId: running ? image.customerId : null,
      customerIdEdited: running && ram.customerIdDraft !== null,
      licenses: managedLicenses(installed, now).map((l) => ({
        licenseId: l.licenseId, featureCode: l.featureCode, count: l.count, status: l.status, end: l.end, description: l.description,
      })),
      pendingReset: false,
      capacity: deviceCapacity(installed, now),
      maintenance: maintenance(installed, now),
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
    };
  }

  function publish(): void {
    const state = snapshot();
    const text = JSON.stringify(state);
    if (text === lastPublished) return;
    lastPublished = text;
    listeners.emit(state);
  }

  function onTransition(next: Snapshot, eventType: string): void {
    const state = typeof next.value === 'string' ? next.value : `running.${String((next.value as { running: string }).running)}`;
    if (history.at(-1)?.state !== state) {
      const event = describeEvent(eventType);
      history.push(event === undefined ? { at: clock.now(), state } : { at: clock.now(), state, event });
      if (history.length > HISTORY_KEPT) history.shift();
    }
    watchLicenseEdges();
    publish();
  }

  /** A maintenance or capacity license ending changes the state with no event: wake up to tell. */
  function watchLicenseEdges(): void {
    if (edgeTimer !== undefined) clock.clearTimeout(edgeTimer);
    edgeTimer = undefined;
    if (stopped || !isRunning()) return;
    const now = clock.now();
    const next = nextLicenseEdge(settings.image().licenses, now);
    if (next === undefined) return;
    edgeTimer = clock.setTimeout(() => {
      edgeTimer = undefined;
      publish();
      watchLicenseEdges();
    }, Math.min(next - now, LONGEST_WAIT_MS));
  }

  // Listeners hear of changes from here on, not of the state they can read at once.
  lastPublished = JSON.stringify(snapshot());

  return {
    deviceId: board.id,
    family: SMARTSERVER_FAMILY,
    installCode: board.identity.installCode,
    accounts: createCustomerAccounts(core),
    cloud: createCloudLicenses(core),
    offline: createOfflineActivation(core),
    fieldDevices: createFieldDevices(core),
    licenses() {
      const refused = refuseLicenseManagement(core, 'Manage Licenses');
      return refused ?? ok(managedLicenses(settings.image().licenses, clock.now()));
    },
    firmwareVersion,
    updateFirmware: (next) => updateFirmware(core, next),
    recoveryFlash: (next) => recoveryFlash(core, next),
    start() {
      if (started) return;
      started = true;
      actor.start();
      subscriptions.push(
        board.power.onChange((on) => actor.send({ type: on ? 'POWER_ON' : 'POWER_OFF' })),
        board.onReset(() => actor.send({ type: 'RESET' })),
      );
      if (board.power.isOn()) actor.send({ type: 'POWER_ON' });
      else board.power.restore();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const unsubscribe of subscriptions.splice(0)) unsubscribe();
      watchLicenseEdges();
      portal.close();
      actor.stop();
      publish();
    },
    snapshot,
    onChange: (fn) => listeners.add(fn),
    history: () => [...history],
  };
}

function topLevel(value: Snapshot['value']): string {
  return typeof value === 'string' ? value : Object.keys(value)[0]!;
}

/** `xstate.after.activationTime.smartserver.running.activating` → `after:activationTime`; the initial event is left out. */
function describeEvent(type: string): string | undefined {
  if (type === 'xstate.init') return undefined;
  return type.startsWith('xstate.after.') ? `after:${type.split('.')[2]}` : type;
}
