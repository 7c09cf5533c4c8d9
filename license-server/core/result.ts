/**
 * The protocol's Result for the license server, narrowed to the wire codes
 * (protocol/errorCodes.ts): an operation can only answer with a code a device or client knows,
 * and license-server/http/failureStatus.ts gives every one of them an HTTP status. A code
 * outside them — a device's or the harness's — does not compile in `fail` here, nor in a
 * Result an operation returns.
 */
import type { WireErrorCode } from '../../protocol/errorCodes.ts';
import { fail as protocolFail, type Failure as ProtocolFailure, type Result as ProtocolResult } from '../../protocol/result.ts';

export { ok, unwrap } from '../../protocol/result.ts';

/** A license-server refusal; `C` narrows it further where an operation promises fewer codes. */
export type Failure<C extends WireErrorCode = WireErrorCode> = ProtocolFailure<C>;

export type Result<T, E extends Failure = Failure> = ProtocolResult<T, E>;

export function fail<C extends WireErrorCode>(code: C, message: string, where?: string): Result<never, Failure<C>> {
  return protocolFail(code, message, where);
}
