import { z } from 'zod';
import { devices, errorCode } from '../../../scenario/fields.ts';
import { defineStep, type StepKind } from '../../../steps/StepKind.ts';
import { expectOutcome, forEachDevice } from '../../../steps/outcome.ts';
import type { Result } from '../../../../protocol/result.ts';
import type { VideoPlatform } from '../../../../firmware-sim/video/VideoPlatform.ts';
import type { DeviceHandle, World } from '../../../runner/World.ts';

/**
 * Builds a video product step that runs one operation on every selected device, with `devices`
 * and `expectError` added to its arguments. Selected devices of another family are an error.
 */
export function videoOp<S extends z.ZodRawShape>(spec: {
  kind: string;
  summary: string;
  args: S;
  what: (args: z.output<z.ZodObject<S>>) => string;
  run: (product: VideoPlatform, args: z.output<z.ZodObject<S>>, world: World, device: DeviceHandle) => Result<unknown> | Promise<Result<unknown>>;
}): StepKind<never> {
  const args = z.object({ devices, ...spec.args, expectError: errorCode.optional() }).strict();
  return defineStep({
    kind: spec.kind,
    summary: spec.summary,
    args,
    async run(world, raw) {
      // zod's generic output type is opaque here; the shape is exactly `args`.
      const parsed = raw as { devices: string | string[]; expectError?: string };
      const chosen = world.select(parsed.devices);
      if (!chosen.ok) return chosen;
      const stranger = chosen.value.find((d) => d.family.family !== 'video');
      if (stranger) return { ok: false, error: { code: 'WRONG_FAMILY', message: `${stranger.id} is a ${stranger.family.family}, not a video product` } };
      return forEachDevice(chosen.value, async (device) => {
        const typed = raw as z.output<z.ZodObject<S>>;
        const result = await spec.run(device.appliance as VideoPlatform, typed, world, device);
        return expectOutcome(result, parsed.expectError, `${device.id}: ${spec.what(typed)}`, device.id);
      });
    },
  }) as unknown as StepKind<never>;
}
