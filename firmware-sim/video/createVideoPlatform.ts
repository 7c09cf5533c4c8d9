import type { Board } from '../../emulator/board/Board.ts';
import { VIDEO_PRODUCT_TYPES, videoVariants, type VideoVariant } from '../../protocol/messages/video.ts';
import { createApplianceShell } from '../shared/applianceShell.ts';
import { machineWithDelay } from '../shared/machineWithDelay.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import { createBoardPortalClient } from '../shared/portalClient.ts';
import { createSettingsStore } from '../shared/settingsStore.ts';
import { createClockGuard, saveDue } from '../shared/clockGuard.ts';
import { createLicenseEdgeTimer } from '../shared/licenseEdgeTimer.ts';
import { createConferencing } from './conferencing.ts';
import { entitlementsOf } from './installResponse.ts';
import { createLicensesPage } from './licensesPage.ts';
import { createLicenseUpdater } from './updateLicense.ts';
import { hostNameOf, licenseArgs, productFields, VIDEO_VERSIONS, type VideoCore } from './VideoCore.ts';
import { blankVideoImage, videoImageSchema } from './videoImage.ts';
import { REFRESH_INTERVAL_MS, videoMachine, type VideoFirmware } from './videoMachine.ts';
import { VIDEO_FAMILY, type VideoPlatform, type VideoState } from './VideoPlatform.ts';

export interface CreateVideoPlatformOptions {
  board: Board;
  /** `core` (Clariti Core, the default) or `manager` (Clariti Manager). */
  variant?: VideoVariant;
  /** The vendor key response codes must be signed with (CL-7). */
  vendorPublicKey: string;
  /** How often automatic license refresh runs (CL-3); 24 hours by default. */
  refreshIntervalMs?: number;
  /** How long to wait for the portal's reply; 30 s by default. */
  replyTimeoutMs?: number;
}

/**
 * Builds a Clariti Core or Manager's firmware on a board: the lifecycle machine on the board's
 * clock (so boot time and the daily license refresh pass in virtual time), the settings in
 * NVRAM, the portal client on the board's link, and the Licenses page over them.
 */
export function createVideoPlatform(options: CreateVideoPlatformOptions): VideoPlatform {
  const { board, vendorPublicKey } = options;
  const variant = options.variant ?? 'core';
  if (!videoVariants.includes(variant)) throw new RangeError(`createVideoPlatform: variant must be one of ${videoVariants.join(', ')}, got '${String(variant)}'`);
  const { clock } = board;
  const settings = createSettingsStore({ nvram: board.nvram, schema: videoImageSchema, blank: blankVideoImage, what: 'video product settings' });
  const portal = createBoardPortalClient({ board, requestIds: 'video-portal-requests', replyTimeoutMs: options.replyTimeoutMs });
  let nextRefreshAt: number | null = null;
  const refreshIntervalMs = options.refreshIntervalMs ?? REFRESH_INTERVAL_MS;
  // Timers cannot wait longer than 2³¹−1 ms (about 24.8 days) on the wall clock.
  if (!(refreshIntervalMs > 0 && refreshIntervalMs <= 2 ** 31 - 1)) {
    throw new RangeError(`createVideoPlatform: refreshIntervalMs must be between 1 ms and 24.8 days, got ${refreshIntervalMs}`);
  }

  const clockGuard = createClockGuard(clock);
  const core: VideoCore = {
    clockGuard,
    board,
    productName: 'video product',
    variant,
    settings,
    portal,
    vendorPublicKey,
    requestRandom: board.random.fork('video-request-codes'),
    isRunning: () => shell.isRunning(),
    activeCalls: () => shell.actor.getSnapshot().context.activeCalls,
    setActiveCalls: (count) => shell.actor.send({ type: 'ACTIVE_CALLS', count }),
    settingsChanged: () => shell.actor.send({ type: 'SETTINGS_CHANGED' }),
    updated: () => shell.actor.send({ type: 'UPDATED' }),
    changed: () => {
      licenseEdges.rearm();
      shell.publish();
    },
  };
  const updateLicense = createLicenseUpdater(core);

  const firmware: VideoFirmware = {
    loadSettings() {
      settings.load();
      clockGuard.load(settings.image().latestSeenAt);
    },
    abortPortalRequests: () =>
      portal.abortAll(DeviceErrorCode.NotRunning, `the video product ${board.id} stopped running (reset or power loss) before the portal replied`),
    refreshLicense: () => void updateLicense(),
    scheduleRefresh: () => {
      nextRefreshAt = clock.now() + refreshIntervalMs;
    },
    unscheduleRefresh: () => {
      nextRefreshAt = null;
    },
    autoRefreshOn: () => {
      const page = settings.image().settings;
      return page.mode === 'standard' && page.autoRefresh && page.accessToken !== null;
    },
  };

  const machine = machineWithDelay(videoMachine, 'refreshInterval', refreshIntervalMs);
  const shell = createApplianceShell({
    board, family: VIDEO_FAMILY, machine, input: firmware, portal, snapshot,
    onTransition: () => licenseEdges.rearm(),
    onStop: () => licenseEdges.rearm(),
  });

  /**
   * An entitlement ending changes what the product may do with no event to tell of it; the same
   * wake-ups (at least daily while one will end) save the latest time seen when due (TM-1), so a clock
   * set back before a reboot is caught after it.
   */
  const licenseEdges = createLicenseEdgeTimer({
    clock,
    nextEdge(now) {
      if (!core.isRunning()) return undefined;
      const ends = (settings.image().license?.grants ?? []).flatMap((g) => (g.end !== null && g.end > now ? [g.end] : []));
      const next = Math.min(...ends, clockGuard.clearsAt() ?? Infinity);
      return Number.isFinite(next) ? next : undefined;
    },
    onEdge() {
      const latest = clockGuard.latestSeen();
      const ends = (settings.image().license?.grants ?? []).map((g) => g.end);
      if (saveDue(settings.image().latestSeenAt, latest, ends)) settings.update((image) => ({ ...image, latestSeenAt: latest }));
      shell.publish();
    },
  });

  function snapshot(): VideoState {
    const running = core.isRunning();
    const image = settings.image();
    const fields = productFields(core);
    const effective = running ? entitlementsOf(image.license, ...licenseArgs(core)) : {};
    return {
      deviceId: board.id,
      family: VIDEO_FAMILY,
      state: shell.runState(),
      variant,
      type: VIDEO_PRODUCT_TYPES[variant],
      version: VIDEO_VERSIONS[variant],
      hardwareId: board.identity.hardwareId,
      serial: board.identity.serialNumber,
      hostName: hostNameOf(board),
      name: running ? fields.name : hostNameOf(board),
      mode: image.settings.mode,
      autoRefresh: image.settings.autoRefresh,
      accessTokenSet: image.settings.accessToken !== null,
      lastConnectionStatus: image.lastConnection?.status ?? null,
      lastConnectionAt: image.lastConnection?.at ?? null,
      nextRefreshAt: running ? nextRefreshAt : null,
      requestCode: running ? image.request?.code ?? null : null,
      licenses: Object.entries(effective).map(([featureCode, count]) => ({ licenseId: `entitlement:${featureCode}`, featureCode, count, status: 'active' as const })),
      installedAt: image.license?.installedAt ?? null,
      activeCalls: running ? core.activeCalls() : 0,
      nvramProblem: running ? settings.loadProblem() ?? null : null,
      ignoredFrames: portal.ignoredFrames(),
      clockTampered: running ? clockGuard.read().tampered : null,
    };
  }

  return {
    ...shell.appliance(),
    variant,
    licenses: createLicensesPage(core, updateLicense),
    conferencing: createConferencing(core),
    entitlements: () => (core.isRunning() ? entitlementsOf(settings.image().license, ...licenseArgs(core)) : {}),
  };
}
