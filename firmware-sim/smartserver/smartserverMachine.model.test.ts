import { describe, it, expect } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { readRequestCode } from '../../protocol/codes/requestCode.ts';
import { unwrap, type Result } from '../../protocol/result.ts';
import { afterEvent, describePath, modelPaths } from '../shared/testing/modelPaths.ts';
import { ACTIVATION_TIME_MS, BOOT_TIME_MS, smartserverMachine, type SmartServerEvent } from './smartserverMachine.ts';
import { RIG_CUSTOMER_ID, createSmartServerRig } from './testing/smartserverRig.ts';

/**
 * Model-based test: the lifecycle machine is the model, a SmartServer on a real board with a
 * scripted cloud the system under test. Every simple path and every transition is replayed on
 * a fresh server, and after each step the server must be where the model is, and — after
 * provisioning every field device it can — never have more provisioned than its capacity.
 */
const FIELD_DEVICES = 10;
const CAPACITY_PER_LICENSE = 3;
const boot = afterEvent(smartserverMachine, 'bootTime', 'smartserver.booting');
const activated = afterEvent(smartserverMachine, 'activationTime', 'smartserver.running.activating');
const events = (snapshot: SnapshotFrom<typeof smartserverMachine>): SmartServerEvent[] => [
  { type: 'POWER_ON' },
  { type: 'POWER_OFF' },
  { type: 'RESET' },
  boot,
  // A firmware update or recovery flash, which the server refuses while license work is under way.
  ...(snapshot.matches({ running: 'idle' }) ? [{ type: 'REBOOT' } as const] : []),
  { type: 'CLAIM' },
  // The model ignores the job's content; the server's comes from the cloud.
  { type: 'CLAIMED', job: { licenseIds: ['SSL-1'], installs: [], completesAt: 0 } },
  { type: 'CLAIM_FAILED' },
  activated,
  { type: 'TRANSFER' },
  { type: 'TRANSFER_DONE' },
];
// The model's firmware only ends the job; the server's NVRAM is the replay's to check.
const firmware = { loadSettings: () => {}, installActivated: () => ({ job: null }), abortPortalRequests: () => {} };
const paths = modelPaths(smartserverMachine, { events, input: firmware });

/** A server with a saved Customer ID and field devices waiting, switched off, and a cloud holding capacity for it. */
async function serverOff() {
  const rig = createSmartServerRig();
  await rig.boot();
  rig.saveCustomerId();
  unwrap(rig.device.fieldDevices.add({ protocol: 'LON', count: FIELD_DEVICES }));
  rig.board.power.cut();
  const pool = Array.from({ length: 8 }, () => rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count: CAPACITY_PER_LICENSE }));
  return { rig, pool };
}

async function replay(path: (typeof paths)[number]) {
  const { rig, pool } = await serverOff();
  const { device, clock, board, portal } = rig;
  const steps = path.steps.slice(1);
  let pending: Promise<Result<unknown>> | null = null;
  let silent = false;
  // [SS-5][SS-6] what the server should hold: each activation that ran its course adds its
  // license, a transfer the cloud took returns them all; a reboot mid-way changes nothing.
  let claimed: string | null = null;
  let held = new Map<string, number>();
  /** The server's licenses through the offline route (SS-8), outside the model: something for a transfer to return. */
  const installOffline = () => {
    const { nonce } = unwrap(readRequestCode(unwrap(device.offline.requestCode()).requestCode));
    const licenseId = `OFF-${held.size}`;
    const response = portal.responseCode({ installCode: device.installCode, requestNonce: nonce, grants: [{ licenseId, featureCode: 'SS-CAPACITY', count: 1, end: null }] });
    unwrap(device.offline.installResponse(response));
    held.set(licenseId, 1);
  };
  try {
    for (const [i, { event, state: model }] of steps.entries()) {
      const next = steps[i + 1]?.event.type;
      // A reply the cloud sends after the server stopped waiting would race the next step, so
      // the cloud holds its answer when the step after a request is a power cut or reboot.
      silent = event.type === 'CLAIM' || event.type === 'TRANSFER' ? next !== undefined && !next.startsWith('CLAIM') && next !== 'TRANSFER_DONE' : false;
      portal.setSilent(silent);
      switch (event.type) {
        case 'POWER_ON': board.power.restore(); break;
        case 'POWER_OFF': board.power.cut(); break;
        case 'RESET': board.reset(); break;
        case 'REBOOT': unwrap(device.recoveryFlash(device.firmwareVersion())); break;
        case boot.type: await clock.advance(BOOT_TIME_MS); break;
        case activated.type:
          await clock.advance(ACTIVATION_TIME_MS);
          held.set(claimed!, CAPACITY_PER_LICENSE);
          break;
        case 'CLAIM': {
          const installed = new Set(unwrap(device.licenses()).map((l) => l.licenseId));
          // The cloud refuses a license it does not hold: the path's CLAIM_FAILED.
          const ids = next === 'CLAIM_FAILED' ? ['SSL-404'] : [pool.find((id) => !installed.has(id))!];
          claimed = ids[0]!;
          pending = device.cloud.activate(ids);
          break;
        }
        case 'TRANSFER':
          if (unwrap(device.licenses()).length === 0) installOffline();
          pending = device.cloud.transferToCloud({ confirm: true });
          break;
        case 'CLAIMED': expect((await pending!).ok).toBe(true); break;
        case 'CLAIM_FAILED': expect(await pending!).toMatchObject({ ok: false, error: { code: 'LICENSE_BOUND_ELSEWHERE' } }); break;
        case 'TRANSFER_DONE':
          // The cloud takes them back when it holds any of them for this server, not offline ones alone.
          if ((await pending!).ok) held = new Map();
          else expect([...held.keys()].every((id) => id.startsWith('OFF-'))).toBe(true);
          break;
      }
      const seen = device.snapshot();
      expect(seen.state).toBe(typeof model.value === 'string' ? model.value : 'running');
      if (seen.state !== 'running') continue;
      expect(seen.capacity).toBe([...held.values()].reduce((a, b) => a + b, 0));
      expect(seen.activation.state).toBe((model.value as { running: string }).running);

      // [SS-7] provisioning by hand takes what the capacity allows, and never more.
      const outcome = device.fieldDevices.provision('all');
      const { capacity, fieldDevices } = device.snapshot();
      expect(fieldDevices.provisioned).toBeLessThanOrEqual(capacity);
      expect(fieldDevices.provisioned).toBe(Math.min(FIELD_DEVICES, capacity));
      if (capacity === 0) expect(outcome).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });
    }
  } catch (error) {
    throw new Error(`after ${describePath(steps)}: ${(error as Error).message}`, { cause: error });
  } finally {
    // A path may end on a request: let its answer land before the server is torn down.
    if (pending && !silent) await pending;
    device.stop();
  }
}

describe('smartserverMachine as a model of the SmartServer', () => {
  it('generates paths through claiming, activating and transferring, reboots included', () => {
    console.log(`smartserver model: ${paths.length} paths`);
    expect(paths.length).toBeGreaterThan(50);
    for (const type of [activated.type, 'TRANSFER_DONE', 'CLAIM_FAILED', 'REBOOT']) expect(paths.some((p) => p.steps.some((s) => s.event.type === type))).toBe(true);
  });

  it('[SS-5][SS-6][SS-7] a SmartServer replaying every path is where the model is and never provisions more field devices than its capacity', async () => {
    for (const path of paths) await replay(path);
  });
});
