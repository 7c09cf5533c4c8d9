import type { Board } from '../../emulator/board/Board.ts';
import { ok } from '../../protocol/result.ts';
import { createApplianceShell, topLevelState } from '../shared/applianceShell.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import { createClockGuard, saveDue } from '../shared/clockGuard.ts';
import { createLicenseEdgeTimer } from '../shared/licenseEdgeTimer.ts';
import { createBoardPortalClient } from '../shared/portalClient.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import { diagnose } from './diagnostics.ts';
import { GATEWAY_FAMILY, type Gateway, type GatewayState, type TestModeSwitch } from './Gateway.ts';
import type { GatewayCore } from './GatewayCore.ts';
import { createGatewayChannels } from './gatewayChannels.ts';
import { gatewayMachine, TEST_MODE_DURATION_MS, type GatewayFirmware } from './gatewayMachine.ts';
import { createGatewayPortalLink } from './portalLink.ts';
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

/**
 * Builds the gateway firmware on a board: the lifecycle machine (run on the board's clock, so
 * boot time and test mode's 8 hours pass in virtual time), the settings in NVRAM, the portal
 * client on the board's link, and the pages over them. Power and reset reach the machine as
 * events; `start()` powers the board on.
 */
export function createGateway(options: CreateGatewayOptions): Gateway {
  const { board, vendorPublicKey } = options;
  const { clock } = board;
  const settings = createLicenseStore({ nvram: board.nvram, clock, vendorPublicKey, hardwareId: board.identity.hardwareId });
  const portal = createBoardPortalClient({ board, requestIds: 'gateway-portal-requests', replyTimeoutMs: options.replyTimeoutMs });
  let testModeSince = 0;
  const clockGuard = createClockGuard(clock);
  /** [TM-1] saves the latest time seen, so a clock set back before a reboot is caught after it. */
  const saveLatestSeen = (): void => {
    const latest = clockGuard.latestSeen();
    const edges = core.effective().flatMap(({ payload }) => [payload.start, payload.end]);
    if (!saveDue(settings.image().latestSeenAt, latest, edges)) return;
    // A failed write (power going) loses only this checkpoint; the next one saves it.
    settings.update((image) => ({ ...image, latestSeenAt: latest }));
  };

  const firmware: GatewayFirmware = {
    // [GW-5] the licenses installed at boot are the ones in force until the next boot.
    loadSettings() {
      settings.load();
      clockGuard.load(settings.image().latestSeenAt);
      return [...settings.installed()];
    },
    abortPortalRequests: () =>
      portal.abortAll(DeviceErrorCode.NotRunning, `the gateway ${board.id} stopped running (reset or power loss) before the portal replied`),
  };

  const shell = createApplianceShell({
    board,
    family: GATEWAY_FAMILY,
    machine: gatewayMachine,
    input: firmware,
    portal,
    snapshot,
    historyState: (next) => (next.matches({ running: 'testMode' }) ? 'running.testMode' : topLevelState(next.value)),
    onTransition(entered) {
      if (entered === undefined) return;
      if (entered.state === 'running.testMode') testModeSince = entered.at;
      else licenseEdges.rearm();
    },
    onStop: () => licenseEdges.rearm(),
  });
  const { actor, isRunning } = shell;
  const machineSnapshot = () => actor.getSnapshot();
  const testModeOn = () => isRunning() && machineSnapshot().matches({ running: 'testMode' });

  const core: GatewayCore = {
    board,
    productName: 'gateway',
    settings,
    portal,
    isRunning,
    effective: () => machineSnapshot().context.effective,
    testModeOn,
    clockGuard,
    licenseTime: () => {
      const reading = clockGuard.read();
      return { now: reading.now, tampered: reading.tampered !== null };
    },
    channelsInUse: () => machineSnapshot().context.channelsInUse,
    setChannelsInUse: (count) => actor.send({ type: 'CHANNELS_IN_USE', count }),
    changed: () => shell.publish(),
  };

  /** [GW-8] a license starting or expiring changes the state with no event: wake up to tell. */
  const licenseEdges = createLicenseEdgeTimer({
    clock,
    nextEdge(now) {
      if (!isRunning()) return undefined;
      const edges = core.effective().flatMap(({ payload }) => [payload.start, payload.end ?? Infinity]).filter((t) => t > now);
      const next = Math.min(...edges, clockGuard.clearsAt() ?? Infinity);
      return Number.isFinite(next) ? next : undefined;
    },
    onEdge: () => {
      saveLatestSeen();
      shell.publish();
    },
  });

  function snapshot(): GatewayState {
    const running = isRunning();
    const { now, tampered } = core.licenseTime();
    const pending = pendingChanges(running ? listLicenses(core) : []);
    return {
      deviceId: board.id,
      family: GATEWAY_FAMILY,
      state: shell.runState(),
      hardwareId: board.identity.hardwareId,
      licenses: running
        ? core.effective().map(({ payload: p }) => ({ licenseId: p.licenseId, featureCode: p.featureCode, count: p.count, kind: p.kind, end: p.end, status: timeStatus(p, now, tampered) }))
        : [],
      pendingReset: pending.install.length + pending.removal.length > 0,
      pending,
      testMode: { on: testModeOn(), until: testModeOn() ? testModeSince + TEST_MODE_DURATION_MS : null },
      channelsInUse: running ? core.channelsInUse() : 0,
      nvramProblem: running ? (settings.loadProblem() ?? null) : null,
      ignoredFrames: portal.ignoredFrames(),
      clockTampered: running ? clockGuard.read().tampered : null,
    };
  }

  const testMode: TestModeSwitch = {
    on() {
      const refused = refuseUnlessRunning(core, 'test mode on');
      if (refused) return refused;
      actor.send({ type: 'TEST_MODE_ON' });
      return ok({ until: testModeSince + TEST_MODE_DURATION_MS });
    },
    off() {
      const refused = refuseUnlessRunning(core, 'test mode off');
      if (refused) return refused;
      actor.send({ type: 'TEST_MODE_OFF' });
      return ok({ on: false });
    },
    isOn: testModeOn,
  };

  return {
    ...shell.appliance(),
    page: createLicensePage(core),
    portal: createGatewayPortalLink(core),
    pbx: createPbxUsers(core),
    testMode,
    gateway: createGatewayChannels(core),
    diagnostics: () => diagnose(core),
  };
}
