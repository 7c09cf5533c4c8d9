import type { Board } from '../../emulator/board/Board.ts';
import type { ConsoleCommands } from '../../firmware-sim/console/ConsoleCommands.ts';
import type { Appliance } from '../../firmware-sim/shared/Appliance.ts';
import type { StepKind } from '../steps/StepKind.ts';
import type { World } from '../runner/World.ts';

/**
 * What one appliance family brings to the harness: how to build its firmware on a board, the
 * step kinds that drive it, and probes — derived values that `expect` and `wait` can check
 * beside the fields of the device's own state. A new family is one more module in
 * the `families` of `catalogue.ts`; nothing else in the harness changes.
 */
export interface FamilyModule {
  readonly family: string;
  /** Device IDs default to `${prefix}-001`, … */
  readonly prefix: string;
  /** Models a fleet entry may ask for with `variant:`; the first is the default. */
  readonly variants?: readonly string[];
  create(options: { board: Board; world: World; variant?: string }): Appliance;
  readonly steps: readonly StepKind<unknown>[];
  readonly probes: Readonly<Record<string, (appliance: Appliance) => unknown>>;
  /**
   * The family's own serial console commands (`fleetrig device`), beside the built-in help,
   * status, reboot and stats; a family without them offers the built-ins only.
   */
  readonly console?: (appliance: Appliance) => ConsoleCommands;
}
