import type { z } from 'zod';
import type { Appliance } from '../../firmware-sim/shared/Appliance.ts';
import type { Result } from '../../protocol/result.ts';
import type { DeviceHandle } from '../runner/World.ts';

/** One operation a device page offers: its body's schema and the firmware operation it drives. */
export interface DeviceAction {
  readonly body: z.ZodType<unknown>;
  run(device: DeviceHandle, body: never): Result<unknown> | Promise<Result<unknown>>;
}

/** What a family adds to the device API for its own pages: a view of its pages' data and its actions. */
export interface DevicePageFamily {
  /** The data the family's pages show, read through the appliance's own API. */
  view(appliance: Appliance): unknown;
  readonly actions: Readonly<Record<string, DeviceAction>>;
}

/**
 * The action maker of a family whose firmware interface is `A`: `action(body, (gateway, b) =>
 * gateway.page.add(b.fileText))` checks the body with its schema, then calls the firmware.
 */
export function familyActions<A extends Appliance>() {
  return <S extends z.ZodType<unknown>>(body: S, run: (appliance: A, body: z.output<S>) => Result<unknown> | Promise<Result<unknown>>): DeviceAction =>
    ({ body, run: (device, value: never) => run(device.appliance as A, value) });
}

/** A page's answer when the device cannot show it (off, booting, an old firmware): null, and the snapshot says why. */
export const orNull = <T>(result: Result<T>): T | null => (result.ok ? result.value : null);
