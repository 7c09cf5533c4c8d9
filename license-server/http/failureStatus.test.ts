import { describe, expect, it } from 'vitest';
import { WireErrorCode } from '../../protocol/errorCodes.ts';
import { fail } from '../../protocol/result.ts';
import { fail as serverFail } from '../core/result.ts';
import { failureStatus, HTTP_STATUS, HttpErrorCode, type LicenseServerErrorCode } from './failureStatus.ts';

/** Every code the license server answers with, as values: the wire codes and the HTTP layer's. */
const SERVER_CODES: readonly LicenseServerErrorCode[] = [...Object.values(WireErrorCode), ...Object.values(HttpErrorCode)];

describe('failureStatus', () => {
  it.each(SERVER_CODES)('gives %s an HTTP error status (400-599)', (code) => {
    const status = failureStatus(code);
    expect(Number.isInteger(status)).toBe(true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThanOrEqual(599);
  });

  it('has a status for exactly the codes the license server answers with, no more', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...SERVER_CODES].sort());
  });

  it('keeps the statuses of input errors, refusals, unknowns and conflicts', () => {
    expect(failureStatus('BAD_REQUEST')).toBe(400);
    expect(failureStatus('AGREEMENT_NOT_ACCEPTED')).toBe(400);
    expect(failureStatus('FORBIDDEN')).toBe(403);
    expect(failureStatus('NOT_FOUND')).toBe(404);
    expect(failureStatus('CONFLICT')).toBe(409);
    expect(failureStatus('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(failureStatus('INTERNAL')).toBe(500);
  });
});

/**
 * Type-level tests, checked by `npm run typecheck` and never run: an unused `@ts-expect-error`
 * is itself a compile error, so each line below proves the compiler refuses what follows it.
 */
export function typeLevelChecks(): void {
  // A code added to the license server's codes without a status does not compile: the table
  // is checked against the union with `satisfies`, as it is here against a union one code larger.
  // @ts-expect-error BRAND_NEW_CODE has no status
  void (HTTP_STATUS satisfies Record<LicenseServerErrorCode | 'BRAND_NEW_CODE', number>);

  // Nor does a table that lost a code's status.
  const { INTERNAL: _internal, ...withoutInternal } = HTTP_STATUS;
  // @ts-expect-error INTERNAL has no status
  void (withoutInternal satisfies Record<LicenseServerErrorCode, number>);

  // There is no silent default: a code the server cannot answer has no status to ask for.
  // @ts-expect-error a typo is no code
  failureStatus('NOT_FOUNDD');
  // @ts-expect-error NOT_RUNNING is a device's code, never the server's
  failureStatus('NOT_RUNNING');

  // A license-server operation can only fail with a wire code…
  // @ts-expect-error NO_SUCH_DEVICE is the harness's code
  serverFail('NO_SUCH_DEVICE', 'not a server refusal');
  // …and no layer can fail with a code no table defines.
  // @ts-expect-error a typo is no code
  fail('NOT_FOUNDD', 'typo');
}
