import { ErrorCode } from '../../protocol/errorCodes.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import { entitlementsOf } from './installResponse.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import { licenseArgs, type VideoCore } from './VideoCore.ts';

/** Concurrent calls the product may carry: bounded by this entitlement's count. */
export const PORTS_FEATURE = 'CLARITI-PORTS';

/** The product's calls, bounded by its CLARITI-PORTS entitlement. */
export interface Conferencing {
  setActiveCalls(count: number): Result<{ activeCalls: number }>;
}

/**
 * The product's calls: how many may run at once is bounded by its CLARITI-PORTS entitlement,
 * so the entitlement values a response code installs visibly take effect (CL-7). Calls are
 * runtime state: a reboot drops them.
 */
export function createConferencing(core: VideoCore): Conferencing {
  return {
    setActiveCalls(count) {
      const op = 'active calls';
      const refused = refuseUnlessRunning(core, op);
      if (refused) return refused;
      if (!Number.isInteger(count) || count < 0) {
        return fail(ErrorCode.BadRequest, `${op}: count must be a whole number >= 0, got ${String(count)}`, 'count');
      }
      const ports = entitlementsOf(core.settings.image().license, ...licenseArgs(core))[PORTS_FEATURE] ?? 0;
      if (count > ports) {
        return fail(DeviceErrorCode.LicenseLimit, `${op}: ${count} calls would exceed the ${ports} ${PORTS_FEATURE} licensed`, 'count');
      }
      core.setActiveCalls(count);
      return ok({ activeCalls: count });
    },
  };
}
