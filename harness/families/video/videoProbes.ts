import type { VideoPlatform } from '../../../firmware-sim/video/VideoPlatform.ts';
import type { Appliance } from '../../../firmware-sim/shared/Appliance.ts';
import { countMap } from '../../steps/matchPartial.ts';

/**
 * What `expect` and `wait` can check on a Clariti product. `entitlements` reads 0 for a feature
 * the product has none of, so `entitlements: { CLARITI-PORTS: 0 }` is a valid expectation.
 */
const cl = (a: Appliance): VideoPlatform => a as VideoPlatform;

export const videoProbes: Record<string, (a: Appliance) => unknown> = {
  state: (a) => a.snapshot().state,
  /** `core` or `manager`. */
  variant: (a) => cl(a).snapshot().variant,
  /** `Clariti Core` or `Clariti Manager`. */
  type: (a) => cl(a).snapshot().type,
  /** [CL-1] the Name on the Licenses page. */
  name: (a) => cl(a).snapshot().name,
  hostName: (a) => cl(a).snapshot().hostName,
  /** [CL-1] true while the Name is the host name. */
  nameIsHostName: (a) => cl(a).snapshot().name === cl(a).snapshot().hostName,
  /** `standard` or `restrictive`. */
  mode: (a) => cl(a).snapshot().mode,
  autoRefresh: (a) => cl(a).snapshot().autoRefresh,
  /** [CL-3] `SUCCESS`, `FAILED: <why>`, or `none` before the first connection. */
  lastConnectionStatus: (a) => cl(a).snapshot().lastConnectionStatus ?? 'none',
  /** [CL-7] feature → count in effect. */
  entitlements: (a) => countMap(cl(a).entitlements()),
  activeCalls: (a) => cl(a).snapshot().activeCalls,
  /** [TM-1] true while the device clock reads earlier than the latest time it has seen. */
  clockTampered: (a) => cl(a).snapshot().clockTampered !== null,
  /** A request code awaits its response code. */
  requestOutstanding: (a) => cl(a).snapshot().requestCode !== null,
};
