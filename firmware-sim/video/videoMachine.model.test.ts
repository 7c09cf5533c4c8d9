import { describe, it, expect } from 'vitest';
import type { ActorLogic, SnapshotFrom } from 'xstate';
import { readRequestCode } from '../../protocol/codes/requestCode.ts';
import { ok, unwrap } from '../../protocol/result.ts';
import { afterEvent, describePath, modelPaths } from '../shared/testing/modelPaths.ts';
import { ports, createVideoRig } from './testing/videoRig.ts';
import { BOOT_TIME_MS, REFRESH_INTERVAL_MS, videoMachine, type VideoEvent, type VideoFirmware } from './videoMachine.ts';

/**
 * Model-based test: the lifecycle machine is the model, a Clariti product on a real board with
 * a scripted portal the system under test. Whether automatic refresh is on lives in the
 * product's settings (NVRAM), not the machine, so the model pairs the machine with that one
 * setting: SETTINGS_CHANGED carries the new value, and the machine's `autoRefreshOn` guard —
 * which the firmware answers from NVRAM — reads it. Every simple path, transition and pair
 * of transitions is replayed on a fresh product.
 */
type ModelEvent = Exclude<VideoEvent, { type: 'SETTINGS_CHANGED' }> | { type: 'SETTINGS_CHANGED'; autoRefresh: boolean };
/** The machine's snapshot beside the setting it reads, as one active snapshot of the pair. */
type ModelSnapshot = {
  status: 'active';
  output: undefined;
  error: undefined;
  machine: SnapshotFrom<typeof videoMachine>;
  autoRefresh: boolean;
};

// The setting the guard reads, set from the snapshot before each transition and each `can`.
let autoRefreshSetting = false;
const firmware: VideoFirmware = {
  loadSettings: () => {},
  abortPortalRequests: () => {},
  refreshLicense: () => {},
  scheduleRefresh: () => {},
  unscheduleRefresh: () => {},
  autoRefreshOn: () => autoRefreshSetting,
};
const model: ActorLogic<ModelSnapshot, ModelEvent> = {
  getInitialSnapshot: (scope) => {
    autoRefreshSetting = false;
    return { status: 'active', output: undefined, error: undefined, machine: videoMachine.getInitialSnapshot(scope as never, firmware), autoRefresh: false };
  },
  transition: (snapshot, event, scope) => {
    const autoRefresh = event.type === 'SETTINGS_CHANGED' ? event.autoRefresh : snapshot.autoRefresh;
    autoRefreshSetting = autoRefresh;
    return { ...snapshot, machine: videoMachine.transition(snapshot.machine, event as VideoEvent, scope as never), autoRefresh };
  },
  getPersistedSnapshot: (snapshot) => snapshot,
};

const boot = afterEvent(videoMachine, 'bootTime', 'video.booting');
const refresh = afterEvent(videoMachine, 'refreshInterval', 'video.running.automatic');
// SETTINGS_CHANGED is the model's own, with the setting's new value.
const machineEvents = [
  { type: 'POWER_ON' }, { type: 'POWER_OFF' }, { type: 'RESET' }, boot, { type: 'UPDATED' }, refresh,
  { type: 'ACTIVE_CALLS', count: 0 }, { type: 'ACTIVE_CALLS', count: 1 },
] as Exclude<ModelEvent, { type: 'SETTINGS_CHANGED' }>[];
const paths = modelPaths(model, {
  events: (snapshot): ModelEvent[] => {
    autoRefreshSetting = snapshot.autoRefresh;
    const running = snapshot.machine.matches('running');
    return [
      ...machineEvents.filter((event) => snapshot.machine.can(event)),
      // The Licenses page is open only while the product runs.
      ...(running ? [{ type: 'SETTINGS_CHANGED', autoRefresh: !snapshot.autoRefresh } as const] : []),
    ];
  },
  serialize: ({ machine: { value, context }, autoRefresh }) => JSON.stringify({ value, context, autoRefresh }),
});

const TOKEN = 'clt_model';

/** A product licensed by hand (CL-7) with two ports, switched off; its portal grants one more port per update. */
async function licensedProductOff() {
  const rig = createVideoRig();
  let ports_ = 2;
  const issued: Record<string, number>[] = [];
  rig.portal.answerUpdates((body) => {
    issued.push({ 'CLARITI-PORTS': ++ports_ });
    return ok({ productId: unwrap(readRequestCode(body.requestCode)).fingerprint, responseCode: rig.responseFor(body.requestCode, [ports(ports_)]) });
  });
  await rig.boot();
  const { requestCode } = unwrap(rig.device.licenses.licenseProduct());
  unwrap(rig.device.licenses.processResponseCode(rig.responseFor(requestCode, [ports(ports_)])));
  rig.board.power.cut();
  return { rig, issued };
}

async function replay(path: (typeof paths)[number]) {
  const { rig, issued } = await licensedProductOff();
  const { device, clock, board, portal } = rig;
  const steps = path.steps.slice(1);
  let entitled: Record<string, number> = { 'CLARITI-PORTS': 2 };
  try {
    for (const { event, state: { machine: model } } of steps) {
      const issuedBefore = issued.length;
      switch (event.type) {
        case 'POWER_ON': board.power.restore(); break;
        case 'POWER_OFF': board.power.cut(); break;
        case 'RESET': board.reset(); break;
        case 'SETTINGS_CHANGED':
          unwrap(device.licenses.configure(event.autoRefresh ? { mode: 'standard', autoRefresh: true, accessToken: TOKEN } : { autoRefresh: false }));
          break;
        case 'UPDATED': unwrap(await device.licenses.updateLicense()); break;
        case 'ACTIVE_CALLS': unwrap(device.conferencing.setActiveCalls(event.count)); break;
        case boot.type: await clock.advance(BOOT_TIME_MS); break;
        case refresh.type:
          await clock.advance(REFRESH_INTERVAL_MS - 1);
          expect(portal.updates.length, 'no refresh before a full interval').toBe(issuedBefore);
          await clock.advance(1);
          // [CL-3] the product refreshed its license by itself.
          expect(issued.length).toBe(issuedBefore + 1);
          break;
      }
      const seen = device.snapshot();
      expect(seen.state).toBe(typeof model.value === 'string' ? model.value : 'running');
      if (seen.state !== 'running') {
        expect(device.entitlements()).toEqual({});
        continue;
      }
      expect(seen.activeCalls).toBe(model.context.activeCalls);
      // [CL-3] a refresh is scheduled exactly while the model is in `automatic`, within one interval.
      if (model.matches({ running: 'automatic' })) {
        expect(seen.nextRefreshAt).toBeGreaterThan(clock.now());
        expect(seen.nextRefreshAt).toBeLessThanOrEqual(clock.now() + REFRESH_INTERVAL_MS);
      } else {
        expect(seen.nextRefreshAt).toBeNull();
      }
      // [CL-7] entitlements come only from an installed response code: they change only in a
      // step that delivered one, and then to its grants; a reboot, a setting or a call changes nothing.
      const now = device.entitlements();
      if (issued.length > issuedBefore) entitled = issued.at(-1)!;
      expect(now).toEqual(entitled);
      expect(seen.licenses.map((l) => [l.featureCode, l.count])).toEqual(Object.entries(entitled));
    }
  } catch (error) {
    throw new Error(`after ${describePath(steps)}: ${(error as Error).message}`, { cause: error });
  } finally {
    device.stop();
  }
}

describe('videoMachine as a model of the Clariti product', () => {
  it('generates paths through manual and automatic refresh, settings changes and reboots', () => {
    console.log(`video model: ${paths.length} paths`);
    expect(paths.length).toBeGreaterThan(100);
    for (const type of [refresh.type, 'UPDATED', 'SETTINGS_CHANGED']) expect(paths.some((p) => p.steps.some((s) => s.event.type === type))).toBe(true);
  });

  it('[CL-3][CL-7] a product replaying every path is where the model is, refreshes on schedule, and is entitled only by an installed response', async () => {
    for (const path of paths) await replay(path);
  });
});
