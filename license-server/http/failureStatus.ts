/**
 * HTTP status for each stable error code: 400 for bad input, 403 for a refused identity, 404
 * for something unknown, 409 for a state conflict. Codes not listed are input errors.
 */
const STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  CODE_INVALID: 400,
  FORBIDDEN: 403,
  CERTIFICATE_INVALID: 403,
  PROOF_INVALID: 403,
  NOT_FOUND: 404,
  ACTIVATION_KEY_UNKNOWN: 404,
  ACTIVATION_KEY_USED: 409,
  LICENSE_BOUND_ELSEWHERE: 409,
  LICENSE_NOT_BOUND: 409,
  LICENSE_INACTIVE: 409,
  TEST_LICENSE_ALREADY_ISSUED: 409,
  CONFLICT: 409,
  NOT_RENEWABLE: 409,
  NO_BASE_LICENSE: 409,
  MANAGED_DEVICE_LIMIT: 409,
  DEVICE_ENROLLED_ELSEWHERE: 409,
  PROVISIONING_TOKEN_INVALID: 403,
  NOT_ENROLLED: 404,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
};

export function failureStatus(code: string): number {
  return STATUS[code] ?? 400;
}
