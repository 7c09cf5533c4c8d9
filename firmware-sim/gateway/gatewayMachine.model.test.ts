import { describe, it, expect } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { unwrap } from '../../protocol/result.ts';
import { afterEvent, describePath, modelPaths } from '../shared/testing/modelPaths.ts';
import { BOOT_TIME_MS, TEST_MODE_DURATION_MS, gatewayMachine, type GatewayEvent } from './gatewayMachine.ts';
import { createGatewayRig } from './testing/gatewayRig.ts';

/**
 * Model-based test: the lifecycle machine is the model, a gateway on a real board the system
 * under test. Every simple path through the machine is replayed on a fresh gateway, and after
 * each step the device must be where the model is and keep the licensing invariants.
 */
const PORTS_LICENSED = 2;
const boot = afterEvent(gatewayMachine, 'bootTime', 'gateway.booting');
const testModeEnds = afterEvent(gatewayMachine, 'testModeDuration', 'gateway.running.testMode');
const events = (snapshot: SnapshotFrom<typeof gatewayMachine>): GatewayEvent[] => [
  { type: 'POWER_ON' },
  { type: 'POWER_OFF' },
  { type: 'RESET' },
  boot,
  { type: 'TEST_MODE_ON' },
  { type: 'TEST_MODE_OFF' },
  testModeEnds,
  { type: 'CHANNELS_IN_USE', count: 0 },
  { type: 'CHANNELS_IN_USE', count: PORTS_LICENSED },
  // The model takes any count; the device refuses one beyond its licenses outside test mode
  // (the invariants probe that on every step), so the paths offer it in test mode only.
  ...(snapshot.matches({ running: 'testMode' }) ? [{ type: 'CHANNELS_IN_USE', count: PORTS_LICENSED + 5 } as const] : []),
];
// The machine's own firmware reads blank NVRAM; the device's licenses are the replay's to check.
const paths = modelPaths(gatewayMachine, { events, input: { loadSettings: () => [], abortPortalRequests: () => {} } });

/** A gateway with a Port license installed at an earlier boot, switched off: the model's `off`. */
async function licensedGatewayOff() {
  const rig = createGatewayRig();
  await rig.boot();
  unwrap(rig.device.page.add(rig.licenseFile({ featureCode: 'Port', count: PORTS_LICENSED })));
  rig.board.power.cut();
  return rig;
}

async function replay(path: (typeof paths)[number]) {
  const rig = await licensedGatewayOff();
  const { device, clock, board } = rig;
  let testModeSince: number | null = null;
  try {
    for (const { event, state: model } of path.steps.slice(1)) {
      switch (event.type) {
        case 'POWER_ON': board.power.restore(); break;
        case 'POWER_OFF': board.power.cut(); break;
        case 'RESET': board.reset(); break;
        case 'TEST_MODE_ON': unwrap(device.testMode.on()); break;
        case 'TEST_MODE_OFF': unwrap(device.testMode.off()); break;
        case 'CHANNELS_IN_USE': unwrap(device.gateway.setChannelsInUse(event.count)); break;
        case boot.type: await clock.advance(BOOT_TIME_MS); break;
        case testModeEnds.type:
          await clock.advance(TEST_MODE_DURATION_MS - 1);
          expect(device.testMode.isOn(), 'test mode a millisecond before its 8 hours').toBe(true);
          await clock.advance(1);
          break;
      }
      const seen = device.snapshot();
      // Where the model is.
      expect(seen.state).toBe(typeof model.value === 'string' ? model.value : 'running');
      expect(seen.testMode.on).toBe(model.matches({ running: 'testMode' }));
      expect(seen.channelsInUse).toBe(model.context.channelsInUse);

      // [GW-9] test mode never outlives 8 virtual hours, and says when it ends.
      if (seen.testMode.on) {
        testModeSince ??= clock.now();
        expect(clock.now() - testModeSince).toBeLessThan(TEST_MODE_DURATION_MS);
        expect(seen.testMode.until).toBe(testModeSince + TEST_MODE_DURATION_MS);
      } else {
        testModeSince = null;
        expect(seen.testMode.until).toBeNull();
      }

      if (seen.state !== 'running') {
        expect(device.gateway.setChannelsInUse(0).ok, 'a gateway that is not running takes no calls').toBe(false);
        continue;
      }
      // [GW-5] the license installed at an earlier boot is in force on every boot.
      expect(seen.licenses.map((l) => [l.featureCode, l.count])).toEqual([['Port', PORTS_LICENSED]]);
      // [GW-9] fully licensed — beyond the licenses in force — exactly while test mode is on.
      const before = seen.channelsInUse;
      const beyond = device.gateway.setChannelsInUse(PORTS_LICENSED + 1);
      expect(beyond.ok).toBe(seen.testMode.on);
      if (!beyond.ok) expect(beyond.error.code).toBe('LICENSE_LIMIT');
      else unwrap(device.gateway.setChannelsInUse(before));
      expect(unwrap(device.diagnostics()).testMode).toBe(seen.testMode.on);
    }
  } catch (error) {
    throw new Error(`after ${describePath(path.steps.slice(1))}: ${(error as Error).message}`, { cause: error });
  } finally {
    device.stop();
  }
}

describe('gatewayMachine as a model of the gateway', () => {
  it('generates paths through every state, test mode and its 8-hour end included', () => {
    console.log(`gateway model: ${paths.length} paths`);
    expect(paths.length).toBeGreaterThan(150);
    expect(paths.some((p) => p.steps.some((s) => s.event.type === testModeEnds.type))).toBe(true);
  });

  it('[GW-5][GW-9] a gateway replaying every path is where the model is, fully licensed only by its licenses or test mode, and never in test mode 8 hours', async () => {
    for (const path of paths) await replay(path);
  });
});
