import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import type { Identity } from '../../emulator/identity/Identity.ts';
import type { Appliance } from '../../firmware-sim/shared/Appliance.ts';
import type { LicenseServer } from '../../license-server/createLicenseServer.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { DeviceFamily } from '../families/DeviceFamily.ts';
import { virtualTime } from '../runner/timeDrivers.ts';
import { World, type DeviceHandle } from '../runner/World.ts';
import { deviceStep } from './deviceStep.ts';
import { applianceFamily } from './selectFamily.ts';

/** A made-up family whose appliances log what the step does to them; `broken` ones refuse. */
interface Lamp extends Appliance {
  dim(level: number): Promise<Result<number>>;
}

const lamps = applianceFamily<Lamp>({ family: 'lamp', called: 'a lamp' });

function fleet(): { world: World; log: string[] } {
  const clock = new VirtualClock();
  // The steps under test never reach the license server.
  const world = new World(clock, virtualTime(clock), createRandom('device-op'), {} as LicenseServer);
  const log: string[] = [];
  const add = (id: string, family: string, broken = false): void => {
    const lamp = {
      deviceId: id,
      async dim(level: number) {
        log.push(`${id} starts`);
        await Promise.resolve();
        log.push(`${id} ends`);
        return broken ? fail('NOT_RUNNING', `${id} has no bulb`) : ok(level);
      },
    };
    world.devices.set(id, { id, family: { family, probes: {} } as DeviceFamily, appliance: lamp as unknown as Appliance } as DeviceHandle);
    world.members.set(id, { id, family, identity: {} as Identity });
  };
  add('lamp-001', 'lamp');
  add('lamp-002', 'lamp', true);
  add('lamp-003', 'lamp');
  add('gw-001', 'gateway');
  return { world, log };
}

const dim = (inTurn?: boolean) => deviceStep({
  family: lamps,
  inTurn,
  kind: 'lamp.dim',
  summary: 'Dim lamps.',
  args: { level: z.number().int().min(0).max(100) },
  what: (a) => `dim to ${a.level}%`,
  run: (lamp, a) => lamp.dim(a.level),
});

async function run(step: ReturnType<typeof dim>, world: World, args: unknown) {
  return step.run(world, step.args.parse(args));
}

describe('deviceStep', () => {
  it('adds devices and expectError to the step\'s own arguments, and refuses any other', () => {
    const step = dim();
    expect(step.args.safeParse({ devices: 'lamp-*', level: 5, expectError: 'NOT_RUNNING' }).success).toBe(true);
    expect(step.args.safeParse({ level: 5 }).success).toBe(false);
    expect(step.args.safeParse({ devices: 'lamp-001', level: 5, colour: 'red' }).success).toBe(false);
    expect(step.args.safeParse({ devices: 'lamp-001', level: 5, expectError: 'not a code' }).success).toBe(false);
  });

  it('runs the operation on every selected device and counts them', async () => {
    const { world, log } = fleet();
    expect(await run(dim(), world, { devices: ['lamp-001', 'lamp-003'], level: 40 })).toEqual({ ok: true, value: 2 });
    expect(log.filter((l) => l.endsWith('ends'))).toEqual(['lamp-001 ends', 'lamp-003 ends']);
  });

  it('refuses WRONG_FAMILY naming the first device of another family, before running anything', async () => {
    const { world, log } = fleet();
    expect(await run(dim(), world, { devices: ['lamp-001', 'gw-001'], level: 40 })).toEqual({
      ok: false, error: { code: 'WRONG_FAMILY', message: 'gw-001 is a gateway, not a lamp' },
    });
    expect(log).toEqual([]);
  });

  it('passes on the selector\'s own failure', async () => {
    const { world } = fleet();
    expect(await run(dim(), world, { devices: 'cl-*', level: 1 })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_DEVICE' } });
  });

  it('fails with the device\'s own error, and with expectError turns that error into a pass and success into a failure', async () => {
    const { world } = fleet();
    expect(await run(dim(), world, { devices: 'lamp-002', level: 1 })).toEqual({ ok: false, error: { code: 'NOT_RUNNING', message: 'lamp-002 has no bulb' } });
    expect(await run(dim(), world, { devices: 'lamp-002', level: 1, expectError: 'NOT_RUNNING' })).toMatchObject({ ok: true });
    expect(await run(dim(), world, { devices: 'lamp-001', level: 1, expectError: 'NOT_RUNNING' })).toEqual({
      ok: false,
      error: { code: 'EXPECTATION_FAILED', message: 'lamp-001: dim to 1% succeeded, but it was expected to fail with NOT_RUNNING' },
      device: 'lamp-001', expected: 'NOT_RUNNING', actual: 'success',
    });
  });

  it('runs on every device at once by default, reporting the first unexpected outcome in device order', async () => {
    const { world, log } = fleet();
    expect(await run(dim(), world, { devices: 'lamp-*', level: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } });
    expect(log.slice(0, 3)).toEqual(['lamp-001 starts', 'lamp-002 starts', 'lamp-003 starts']);
    expect(log).toHaveLength(6);
  });

  it('with inTurn runs one device after another and stops at the first unexpected outcome', async () => {
    const { world, log } = fleet();
    expect(await run(dim(true), world, { devices: 'lamp-*', level: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } });
    expect(log).toEqual(['lamp-001 starts', 'lamp-001 ends', 'lamp-002 starts', 'lamp-002 ends']);
  });
});
