import type { Board } from '../../emulator/board/Board.ts';
import type { ConsoleCommands } from '../../firmware-sim/console/ConsoleCommands.ts';
import type { Appliance } from '../../firmware-sim/shared/Appliance.ts';
import type { StepKind } from '../steps/StepKind.ts';
import type { DeviceFamily } from './DeviceFamily.ts';

/** What a family's firmware is built from: the board it runs on and the keys it trusts. */
export interface ApplianceOptions {
  board: Board;
  /** The license cloud's public key, which verifies license files and response codes. */
  vendorPublicKey: string;
  /** One of the family's `variants`, or undefined for its default. */
  variant?: string;
}

/**
 * What one appliance family brings to the harness: how to build its firmware on a board, the
 * step kinds that drive it and its portal, and probes — derived values that `expect` and
 * `wait` can check beside the fields of the device's own state. A family is one module in
 * `catalogue.ts` (and its portal one in `license-server/portals/portalModules.ts`); nothing
 * else in the harness changes. docs/architecture.md has the whole checklist.
 */
export interface FamilyModule extends DeviceFamily {
  /** Device IDs default to `${prefix}-001`, … */
  readonly prefix: string;
  /** Models a fleet entry may ask for with `variant:`; the first is the default. */
  readonly variants?: readonly string[];
  create(options: ApplianceOptions): Appliance;
  /** Its device steps `<family>.<verb>` and portal steps `<family>.portal.<verb>`. */
  readonly steps: readonly StepKind<unknown>[];
  /**
   * The family's own serial console commands (`fleetrig device`), beside the built-in help,
   * status, reboot and stats; a family without them offers the built-ins only.
   */
  readonly console?: (appliance: Appliance) => ConsoleCommands;
}
