import { z } from 'zod';
import type { Appliance } from '../../firmware-sim/shared/Appliance.ts';
import type { Result } from '../../protocol/result.ts';
import { devices, errorCode, type ExpectedError } from '../scenario/fields.ts';
import type { DeviceHandle, World } from '../runner/World.ts';
import { defineStep, type StepKind } from './StepKind.ts';
import { expectOutcome, forEachDevice, forEachDeviceInTurn } from './outcome.ts';
import { selectFamily, type ApplianceFamily } from './selectFamily.ts';

export interface DeviceStepSpec<F extends Appliance, S extends z.ZodRawShape> {
  /** The family whose devices the step drives; selected devices of another are WRONG_FAMILY. */
  family: ApplianceFamily<F>;
  kind: string;
  summary: string;
  /** The step's own arguments; `devices` and `expectError` are added. */
  args: S;
  /** The operation in words, for failures: `grant Mobility to ann`. */
  what: (args: z.output<z.ZodObject<S>>) => string;
  run: (appliance: F, args: z.output<z.ZodObject<S>>, world: World, device: DeviceHandle) => Result<unknown> | Promise<Result<unknown>>;
  /**
   * One device after another, in the order selected, stopping at the first unexpected outcome
   * — where which device goes first decides who meets a bound. All at once by default.
   */
  inTurn?: boolean;
  /**
   * Whether the step can run on a split fleet, each shard on its own devices: yes unless it
   * also acts on the license cloud itself, or goes in turn (the turn would span processes).
   */
  splits?: boolean;
}

/**
 * Builds a step that runs one operation on every selected device of one family, with `devices`
 * and `expectError` added to its arguments: `- gateway.download: { devices: '*' }`.
 */
export function deviceStep<F extends Appliance, S extends z.ZodRawShape>(spec: DeviceStepSpec<F, S>): StepKind<never> {
  const args = z.object({ devices, ...spec.args, expectError: errorCode.optional() }).strict();
  const eachDevice = spec.inTurn ? forEachDeviceInTurn : forEachDevice;
  return defineStep({
    kind: spec.kind,
    summary: spec.summary,
    args,
    ...(spec.splits === false || spec.inTurn === true ? {} : { split: 'devices' as const }),
    async run(world, raw) {
      // zod's generic output type is opaque here; the shape is exactly `args`.
      const parsed = raw as { devices: string | string[]; expectError?: ExpectedError };
      const typed = raw as z.output<z.ZodObject<S>>;
      const chosen = selectFamily(world, parsed.devices, spec.family);
      if (!chosen.ok) return chosen;
      return eachDevice(chosen.value, async (device) => {
        const result = await spec.run(spec.family.narrow(device.appliance), typed, world, device);
        return expectOutcome(result, parsed.expectError, `${device.id}: ${spec.what(typed)}`, device.id);
      });
    },
  }) as unknown as StepKind<never>;
}
