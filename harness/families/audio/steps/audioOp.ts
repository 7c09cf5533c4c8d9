import { z } from 'zod';
import { devices, errorCode } from '../../../scenario/fields.ts';
import { defineStep, type StepKind } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import type { Result } from '../../../../protocol/result.ts';
import { AUDIO_FAMILY, type AudioDevice } from '../../../../firmware-sim/audio/AudioDevice.ts';
import type { DeviceHandle, World } from '../../../runner/World.ts';

/**
 * Builds an audio-device step that runs one operation on every selected device, in device
 * order — one at a time, so which device meets the bound first is the order written — with
 * `devices` and `expectError` added to its arguments. Selected devices of another family are
 * an error.
 */
export function audioOp<S extends z.ZodRawShape>(spec: {
  kind: string;
  summary: string;
  args: S;
  what: (args: z.output<z.ZodObject<S>>) => string;
  run: (device: AudioDevice, args: z.output<z.ZodObject<S>>, world: World, handle: DeviceHandle) => Promise<Result<unknown>>;
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
      const chosen = world.select(parsed.devices);
      if (!chosen.ok) return chosen;
      const stranger = chosen.value.find((d) => d.family.family !== AUDIO_FAMILY);
      if (stranger) return { ok: false, error: { code: 'WRONG_FAMILY', message: `${stranger.id} is a ${stranger.family.family}, not an audio device` } };
      for (const d of chosen.value) {
        const result = await spec.run(d.appliance as AudioDevice, typed, world, d);
        const outcome = expectOutcome(result, parsed.expectError, `${d.id}: ${spec.what(typed)}`, d.id);
        if (!outcome.ok) return outcome;
      }
      return { ok: true, value: chosen.value.length };
    },
  }) as unknown as StepKind<never>;
}
