import { assign, createActor, type SnapshotFrom } from 'xstate';
import type { Board } from '../../emulator/board/Board.ts';
import type { TimerId } from '../../emulator/clock/Clock.ts';
import { DAY } from '../../emulator/clock/duration.ts';
import { Listeners, type Unsubscribe } from '../../emulator/link/Link.ts';
import { fail, ok } from '../../protocol/result.ts';
import type { ApplianceRunState, HistoryEntry } from '../shared/Appliance.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import { createPortalClient } from '../shared/portalClient.ts';
import { diagnose } from './diagnostics.ts';
import { GATEWAY_FAMILY, type Gateway, type GatewayState, type TestModeSwitch } from './Gateway.ts';
import type { GatewayCore } from './GatewayCore.ts';
import { createGatewayChannels } from './gatewayChannels.ts';
import { gatewayMachine, TEST_MODE_DURATION_MS } from './gatewayMachine.ts';
import { createGatewayPortal } from './gatewayPortal.ts';
import { timeStatus } from './licenseCounts.ts';
import { createLicensePage, listLicenses } from './licensePage.ts';
import { pendingChanges } from './licenseRows.ts';
import { createLicenseStore } from './licenseStore.ts';
import { createPbxUsers } from './pbxUsers.ts';

export interface CreateGatewayOptions {
  board: Board;
  /** The vendor key license files must be signed with (GW-2). */
  vendorPublicKey: string;
  /** How long to wait for the portal's reply; 30 s by default. */
  replyTimeoutMs?: number;
}

const HISTORY_KEPT = 200;
// Node's timers cannot wait longer than ~24.8 days, so a 3-month expiry is watched in steps.
const LONGEST_WAIT_MS = DAY;

type Snapshot = SnapshotFrom<typeof gatewayMachine>;

/**
 * Builds the gateway firmware on a board: the lifecycle machine (run on the board's clock, so
 * boot time and test mode's 8 hours pass in virtual time), the settings in NVRAM, the portal
 * client on the board's link, and the pages over them. Power and reset reach the machine as
 * events; `start()` powers the board on.
 */
export function createGateway(options: CreateGatewayOptions): Gateway {
  const { board, vendorPublicKey } = options;
  const { clock } = board;
  const store = createLicenseStore({ nvram: board.nvram, clock, vendorPublicKey, hardwareId: board.identity.hardwareId });
  const portal = createPortalClient({
    link: board.link,
    clock,
    random: board.random.fork('gateway-portal-requests'),
    deviceId: board.id,
    replyTimeoutMs: options.replyTimeoutMs,
  });
  const listeners = new Listeners<GatewayState>();
  const history: HistoryEntry[] = [];
  const subscriptions: Unsubscribe[] = [];
  let started = false;
  let stopped = false;
  let lastPublished = '';
  let testModeSince = 0;
  let edgeTimer: TimerId | undefined;

  const machine = gatewayMachine.provide({
    actions: {
      // [GW-5] the licenses installed at boot are the ones in force until the next boot.
      loadSettings: assign({
        effective: () => {
          store.load();
          return [...store.installed()];
        },
      }),
      abortPortalRequests: () =>
        portal.abortAll(DeviceErrorCode.NotRunning, `the gateway ${board.id} stopped running (reset or power loss) before the portal replied`),
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
  const testModeOn = () => isRunning() && machineSnapshot().matches({ running: 'testMode' });

  const core: GatewayCore = {
    board,
    store,
    portal,
    isRunning,
    effective: () => machineSnapshot().context.effective,
    testModeOn,
    channelsInUse: () => machineSnapshot().context.channelsInUse,
    setChannelsInUse: (count) => actor.send({ type: 'CHANNELS_IN_USE', count }),
    changed: () => publish(),
  };

  function snapshot(): GatewayState {
    const running = isRunning();
    const now = clock.now();
    const pending = pendingChanges(running ? listLicenses(core) : []);
    return {
      deviceId: board.id,
      family: GATEWAY_FAMILY,
      state: runState(),
      hardwareId: board.identity.hardwareId,
      licenses: running
        ? core.effective().map(({ payload: p }) => ({ licenseId: p.licenseId, featureCode: p.featureCode, count: p.count, kind: p.kind, end: p.end, status: timeStatus(p, now) }))
        : [],
      pendingReset: pending.install.length + pending.removal.length > 0,
      pending,
      testMode: { on: testModeOn(), until: testModeOn() ? testModeSince + TEST_MODE_DURATION_MS : null },
      channelsInUse: running ? core.channelsInUse() : 0,
      nvramProblem: running ? (store.loadProblem() ?? null) : null,
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
    const state = next.matches({ running: 'testMode' }) ? 'running.testMode' : topLevel(next.value);
    if (history.at(-1)?.state !== state) {
      const event = describeEvent(eventType);
      history.push(event === undefined ? { at: clock.now(), state } : { at: clock.now(), state, event });
      if (history.length > HISTORY_KEPT) history.shift();
      if (state === 'running.testMode') testModeSince = clock.now();
      if (state === 'running' || state === 'off' || state === 'booting') watchLicenseEdges();
    }
    publish();
  }

  /** [GW-8] a license starting or expiring changes the state with no event: wake up to tell. */
  function watchLicenseEdges(): void {
    if (edgeTimer !== undefined) clock.clearTimeout(edgeTimer);
    edgeTimer = undefined;
    if (stopped || !isRunning()) return;
    const now = clock.now();
    const edges = core.effective().flatMap(({ payload }) => [payload.start, payload.end ?? Infinity]).filter((t) => t > now);
    const next = Math.min(...edges);
    if (!Number.isFinite(next)) return;
    edgeTimer = clock.setTimeout(() => {
      edgeTimer = undefined;
      publish();
      watchLicenseEdges();
    }, Math.min(next - now, LONGEST_WAIT_MS));
  }

  const testMode: TestModeSwitch = {
    on() {
      if (!isRunning()) return fail(DeviceErrorCode.NotRunning, `test mode on: the gateway ${board.id} is not running`);
      actor.send({ type: 'TEST_MODE_ON' });
      return ok({ until: testModeSince + TEST_MODE_DURATION_MS });
    },
    off() {
      if (!isRunning()) return fail(DeviceErrorCode.NotRunning, `test mode off: the gateway ${board.id} is not running`);
      actor.send({ type: 'TEST_MODE_OFF' });
      return ok({ on: false });
    },
    isOn: testModeOn,
  };

  // Listeners hear of changes from here on, not of the state they can read at once.
  lastPublished = JSON.stringify(snapshot());

  return {
    deviceId: board.id,
    family: GATEWAY_FAMILY,
    page: createLicensePage(core),
    portal: createGatewayPortal(core, vendorPublicKey),
    pbx: createPbxUsers(core),
    testMode,
    gateway: createGatewayChannels(core),
    diagnostics: () => diagnose(core),
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

/** `xstate.after.bootTime.gateway.booting` → `after:bootTime`; the initial event is left out. */
function describeEvent(type: string): string | undefined {
  if (type === 'xstate.init') return undefined;
  return type.startsWith('xstate.after.') ? `after:${type.split('.')[2]}` : type;
}
