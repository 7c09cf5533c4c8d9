import type { CoreContext } from '../core/CoreContext.ts';
import type { DeviceOp } from '../link/deviceOp.ts';
import type { Route } from '../http/route.ts';

/**
 * One portal of the license cloud, as the server mounts it: its facet (the operations, a thin
 * layer over the core), its HTTP routes under `/api/v1/<name>/`, and the device operations it
 * answers over links. A portal is one module in `portalModules.ts`; `createLicenseServer` and
 * the HTTP app loop over them, and a second module with the same name, route or device op
 * throws at start-up instead of silently replacing the first.
 */
export interface PortalModule<F = unknown> {
  /** Lower case; names the facet and mounts its routes at `/api/v1/<name>/`. */
  readonly name: string;
  /** Where the routes are mounted under `/api/v1`; `/<name>` unless the module is the core's. */
  readonly mount?: string;
  /** Builds the facet over the shared core; called once per server. */
  create(ctx: CoreContext): F;
  /** HTTP routes relative to the mount point. */
  readonly routes?: readonly Route<F>[];
  /** Device operations (request `op`s) answered over links. */
  readonly deviceOps?: readonly DeviceOp<F>[];
}

/** Keeps the facet type of a module literal; `PortalModule<F>` alone would widen it. */
export function definePortal<F>(module: PortalModule<F>): PortalModule<F> {
  return module;
}
