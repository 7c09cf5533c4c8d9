/**
 * Stable error codes that cross the wire (link replies, HTTP bodies). Clients branch on these;
 * messages are for people and may change.
 */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  UnknownOperation: 'UNKNOWN_OPERATION',
  NotFound: 'NOT_FOUND',
  Forbidden: 'FORBIDDEN',
  Timeout: 'TIMEOUT',
  LinkDown: 'LINK_DOWN',
  CodeInvalid: 'CODE_INVALID',
  ActivationKeyUnknown: 'ACTIVATION_KEY_UNKNOWN',
  ActivationKeyUsed: 'ACTIVATION_KEY_USED',
  LicenseBoundElsewhere: 'LICENSE_BOUND_ELSEWHERE',
  LicenseNotBound: 'LICENSE_NOT_BOUND',
  LicenseInactive: 'LICENSE_INACTIVE',
  TestLicenseAlreadyIssued: 'TEST_LICENSE_ALREADY_ISSUED',
  CertificateInvalid: 'CERTIFICATE_INVALID',
  ProofInvalid: 'PROOF_INVALID',
  SignatureInvalid: 'SIGNATURE_INVALID',
  EnvelopeMalformed: 'ENVELOPE_MALFORMED',
  LicenseForeignHardware: 'LICENSE_FOREIGN_HARDWARE',
  LicenseReplayed: 'LICENSE_REPLAYED',
  Conflict: 'CONFLICT',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
