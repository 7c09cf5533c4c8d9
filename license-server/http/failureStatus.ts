import type { WireErrorCode } from '../../protocol/errorCodes.ts';

/** Codes only the HTTP layer answers with, before any operation runs. */
export const HttpErrorCode = {
  /** The request body is larger than the server accepts. */
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** A route that needs a credential got none, or a bearer token that is unknown or revoked. */
  Unauthenticated: 'UNAUTHENTICATED',
  /** The body's Content-Encoding or charset is not one the server reads. */
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  /** A method the rig does not serve on any path: OPTIONS (no cross-origin requests). */
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
} as const;
export type HttpErrorCode = (typeof HttpErrorCode)[keyof typeof HttpErrorCode];

declare module '../../protocol/errorCodes.ts' {
  interface ErrorCodeLayers {
    http: HttpErrorCode;
  }
}

/**
 * Every code the license server answers with: an operation's (the wire codes, which its
 * Result type allows — license-server/core/result.ts) or the HTTP layer's own.
 */
export type LicenseServerErrorCode = WireErrorCode | HttpErrorCode;

/**
 * HTTP status for each code the license server answers with: 400 for bad input, 401 for a
 * missing or bad credential, 403 for a refused identity, 404 for something unknown, 405 for OPTIONS, 409 for a state conflict, 413/415 for a body too
 * large or encoded in a way the server does not read. Exactly those codes:
 * a code without a status, or a status for a code the server cannot answer, does not compile.
 */
export const HTTP_STATUS = {
  BAD_REQUEST: 400,
  UNKNOWN_OPERATION: 400,
  CODE_INVALID: 400,
  FORBIDDEN: 403,
  CERTIFICATE_INVALID: 403,
  PROOF_INVALID: 403,
  CERTIFICATE_MISSING: 403,
  REQUEST_REPLAYED: 409,
  NOT_FOUND: 404,
  ACTIVATION_KEY_UNKNOWN: 404,
  ACTIVATION_KEY_USED: 409,
  LICENSE_BOUND_ELSEWHERE: 409,
  LICENSE_NOT_BOUND: 409,
  LICENSE_INACTIVE: 409,
  TEST_LICENSE_ALREADY_ISSUED: 409,
  CONFLICT: 409,
  AGREEMENT_NOT_ACCEPTED: 400,
  NOT_RENEWABLE: 409,
  NO_BASE_LICENSE: 409,
  MANAGED_DEVICE_LIMIT: 409,
  DEVICE_ENROLLED_ELSEWHERE: 409,
  PROVISIONING_TOKEN_INVALID: 403,
  NOT_ENROLLED: 404,
  CUSTOMER_UNKNOWN: 404,
  LICENSE_OTHER_CUSTOMER: 403,
  LICENSE_WRONG_FAMILY: 409,
  NOTHING_TO_TRANSFER: 409,
  CODE_FOREIGN: 400,
  TOKEN_UNKNOWN: 403,
  TOKEN_REVOKED: 403,
  FIELD_MISMATCH: 400,
  ENTITLEMENT_UNKNOWN: 404,
  ENTITLEMENT_EXHAUSTED: 409,
  PRODUCT_OWNED_ELSEWHERE: 409,
  REQUEST_MISSING: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  INTERNAL: 500,
} as const satisfies Record<LicenseServerErrorCode, number>;

export function failureStatus(code: LicenseServerErrorCode): number {
  return HTTP_STATUS[code];
}
