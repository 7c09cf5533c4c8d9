import type { PortalSeed } from './PortalSeed.ts';
import { seedAudioPortal } from './seeds/seedAudioPortal.ts';
import { seedGatewayPortal } from './seeds/seedGatewayPortal.ts';
import { seedSmartServerPortal } from './seeds/seedSmartServerPortal.ts';
import { seedVideoPortal } from './seeds/seedVideoPortal.ts';

/**
 * How `fleetrig device` sets up its in-process portal for each family, so the family's
 * success path works from the console. A family without one starts with an empty portal.
 */
export const portalSeeds: Readonly<Record<string, PortalSeed>> = {
  gateway: seedGatewayPortal,
  smartserver: seedSmartServerPortal,
  audio: seedAudioPortal,
  video: seedVideoPortal,
};
