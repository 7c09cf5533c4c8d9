import { z } from 'zod';
import { VIDEO_PRODUCT_TYPES, videoVariants } from '../../../protocol/messages/video.ts';
import type { VideoPlatform } from '../../../firmware-sim/video/VideoPlatform.ts';
import type { Appliance } from '../../../firmware-sim/shared/Appliance.ts';
import { countMap } from '../../steps/matchPartial.ts';
import { probe, type Probe } from '../DeviceFamily.ts';
import { featureCounts, runState } from '../probeValues.ts';

/**
 * What `expect` and `wait` can check on a Clariti product. `entitlements` reads 0 for a feature
 * the product has none of, so `entitlements: { CLARITI-PORTS: 0 }` is a valid expectation.
 */
const cl = (a: Appliance): VideoPlatform => a as VideoPlatform;
const productTypes = Object.values(VIDEO_PRODUCT_TYPES) as [string, ...string[]];

export const videoProbes: Record<string, Probe> = {
  state: probe('The run state: off, booting or running.', runState, (a) => a.snapshot().state),
  variant: probe('The product: core or manager.', z.enum(videoVariants), (a) => cl(a).snapshot().variant),
  type: probe(`The product type: ${productTypes.join(' or ')}.`, z.enum(productTypes), (a) => cl(a).snapshot().type),
  name: probe('[CL-1] The Name on the Licenses page.', z.string(), (a) => cl(a).snapshot().name),
  hostName: probe("The product's host name.", z.string(), (a) => cl(a).snapshot().hostName),
  nameIsHostName: probe('[CL-1] The Name is still the host name.', z.boolean(), (a) => cl(a).snapshot().name === cl(a).snapshot().hostName),
  mode: probe('The license mode: standard or restrictive.', z.enum(['standard', 'restrictive']), (a) => cl(a).snapshot().mode),
  autoRefresh: probe('Automatic license refresh is on.', z.boolean(), (a) => cl(a).snapshot().autoRefresh),
  lastConnectionStatus: probe('[CL-3] `SUCCESS`, `FAILED: <why>`, or `none` before the first connection.', z.string().regex(/^(SUCCESS|FAILED: .+|none)$/), (a) =>
    cl(a).snapshot().lastConnectionStatus ?? 'none',
  ),
  entitlements: probe('[CL-7] Feature → count in effect.', featureCounts, (a) => countMap(cl(a).entitlements())),
  activeCalls: probe('Calls in progress.', z.number().int().min(0), (a) => cl(a).snapshot().activeCalls),
  clockTampered: probe('[TM-1] The product\'s clock reads earlier than the latest time it has seen: licenses with an end count for nothing until it passes that time again.', z.boolean(), (a) => cl(a).snapshot().clockTampered !== null),
  requestOutstanding: probe('A request code awaits its response code.', z.boolean(), (a) => cl(a).snapshot().requestCode !== null),
};
