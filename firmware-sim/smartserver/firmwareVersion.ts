import { fail, ok, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';

/**
 * SmartServer firmware versions, `major.minor` or `major.minor.patch`. [SS-1] License
 * management is required from 3.3 on; older firmware provisions field devices without any
 * license and has no Manage Licenses dialog at all.
 */
export const LICENSING_FROM_VERSION = '3.3';
export const DEFAULT_FIRMWARE_VERSION = '4.0';

const VERSION = /^(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?$/;

export function parseFirmwareVersion(text: string): Result<number[]> {
  const m = VERSION.exec(text);
  if (!m) return fail(ErrorCode.BadRequest, `firmware version '${text}' is not of the form 3.3 or 4.0.1`, 'version');
  return ok([Number(m[1]), Number(m[2]), Number(m[3] ?? 0)]);
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer; unreadable versions sort first. */
export function compareFirmwareVersions(a: string, b: string): number {
  const [pa, pb] = [parseFirmwareVersion(a), parseFirmwareVersion(b)];
  if (!pa.ok || !pb.ok) return Number(pa.ok) - Number(pb.ok);
  for (let i = 0; i < 3; i++) {
    const d = pa.value[i]! - pb.value[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** [SS-1] Does this firmware need licenses to provision field devices? */
export function licensingRequired(version: string): boolean {
  return compareFirmwareVersions(version, LICENSING_FROM_VERSION) >= 0;
}
