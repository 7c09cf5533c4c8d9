import { z } from 'zod';
import { devices, errorCode } from '../../../scenario/fields.ts';
import { defineStep, type StepKind } from '../../../steps/StepKind.ts';
import { expectOutcome, forEachDevice } from '../../../steps/outcome.ts';
import { fail, ok, type Result } from '../../../../protocol/result.ts';
import { SMARTSERVER_FAMILY, type SmartServer } from '../../../../firmware-sim/smartserver/SmartServer.ts';
import type { DeviceHandle, World } from '../../../runner/World.ts';

/** The selected devices, all SmartServers, or WRONG_FAMILY naming the first that is not. */
export function selectSmartServers(world: World, selector: string | readonly string[]): Result<DeviceHandle[]> {
  const chosen = world.select(selector);
  if (!chosen.ok) return chosen;
  const stranger = chosen.value.find((d) => d.family.family !== SMARTSERVER_FAMILY);
  return stranger ? fail('WRONG_FAMILY', `${stranger.id} is a ${stranger.family.family}, not a SmartServer`) : ok(chosen.value);
}

/**
 * Builds a SmartServer step that runs one operation on every selected device, with `devices`
 * and `expectError` added to its arguments.
 */
export function ssOp<S extends z.ZodRawShape>(spec: {
  kind: string;
  summary: string;
  args: S;
  what: (args: z.output<z.ZodObject<S>>) => string;
  run: (server: SmartServer, args: z.output<z.ZodObject<S>>, world: World, device: DeviceHandle) => Result<unknown> | Promise<Result<unknown>>;
}): StepKind<never> {
  const args = z.object({ devices, ...spec.args, expectError: errorCode.optional() }).strict();
  return defineStep({
    kind: spec.kind,
    summary: spec.summary,
    args,
    async run(world, raw) {
      // zod's generic output type is opaque here; the shape is exactly `args`.
      const parsed = raw as { devices: string | string[]; expectError?: string };
      const typed = raw as z.output<z.ZodObject<S>>;
      const chosen = selectSmartServers(world, parsed.devices);
      if (!chosen.ok) return chosen;
      return forEachDevice(chosen.value, async (device) => {
        const result = await spec.run(device.appliance as SmartServer, typed, world, device);
        return expectOutcome(result, parsed.expectError, `${device.id}: ${spec.what(typed)}`, device.id);
      });
    },
  }) as unknown as StepKind<never>;
}
