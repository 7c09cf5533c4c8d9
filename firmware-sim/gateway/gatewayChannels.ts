import { fail, ok, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import type { GatewayCore } from './GatewayCore.ts';
import { featureLimit } from './licenseCounts.ts';

/**
 * The gateway's channels (calls through its interfaces), bounded by its `Port` licenses in
 * force (GW-10's Gateway tab). Channels in use are runtime state: a reboot drops every call.
 */
export const CHANNEL_FEATURE = 'Port';

export interface GatewayChannels {
  setChannelsInUse(count: number): Result<{ inUse: number }>;
  channelsInUse(): number;
}

export function createGatewayChannels(core: GatewayCore): GatewayChannels {
  return {
    setChannelsInUse(count) {
      const op = 'gateway channels';
      const refused = refuseUnlessRunning(core, op);
      if (refused) return refused;
      if (!Number.isInteger(count) || count < 0) {
        return fail(ErrorCode.BadRequest, `${op}: count must be a whole number >= 0, got ${String(count)}`, 'count');
      }
      const limit = featureLimit({ effective: core.effective(), ...core.licenseTime(), testMode: core.testModeOn(), featureCode: CHANNEL_FEATURE });
      if (count > limit) {
        return fail(DeviceErrorCode.LicenseLimit, `${op}: ${count} channels would exceed the ${limit} ${CHANNEL_FEATURE} licenses in force`, 'count');
      }
      core.setChannelsInUse(count);
      return ok({ inUse: count });
    },
    channelsInUse: () => (core.isRunning() ? core.channelsInUse() : 0),
  };
}
