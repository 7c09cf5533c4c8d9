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
  /** SS-2: no customer account has this Customer ID. */
  CustomerUnknown: 'CUSTOMER_UNKNOWN',
  /** SS-2, SS-5: the license belongs to another customer or partner. */
  LicenseOtherCustomer: 'LICENSE_OTHER_CUSTOMER',
  /** The license is not one this product family can use (e.g. a gateway license on a SmartServer). */
  LicenseWrongFamily: 'LICENSE_WRONG_FAMILY',
  /** SS-6: the server holds no license to transfer to the cloud. */
  NothingToTransfer: 'NOTHING_TO_TRANSFER',
  /** PC-5: the license agreement was not accepted. */
  AgreementNotAccepted: 'AGREEMENT_NOT_ACCEPTED',
  /** PC-6: only a New or Renewal license in Expiring Shortly, not yet renewed, can be renewed. */
  NotRenewable: 'NOT_RENEWABLE',
  /** PC-7, PC-8: an Addon needs a New or Renewal license in force to add to. */
  NoBaseLicense: 'NO_BASE_LICENSE',
  /** PC-7: enrolling would exceed the Managed Device bound. */
  ManagedDeviceLimit: 'MANAGED_DEVICE_LIMIT',
  /** PC-7: the device is enrolled with another account. */
  DeviceEnrolledElsewhere: 'DEVICE_ENROLLED_ELSEWHERE',
  /** PC-7: the account's provisioning token does not match. */
  ProvisioningTokenInvalid: 'PROVISIONING_TOKEN_INVALID',
  /** PC-7: the device is not enrolled. */
  NotEnrolled: 'NOT_ENROLLED',
  /** CL-3: the access token is not one the portal issued. */
  TokenUnknown: 'TOKEN_UNKNOWN',
  /** CL-3, CL-8: the access token was revoked. */
  TokenRevoked: 'TOKEN_REVOKED',
  /** CL-5: a field typed into the portal differs from what the product shows (capitalization included). */
  FieldMismatch: 'FIELD_MISMATCH',
  /** CL-6: the account has no entitlement for the feature. */
  EntitlementUnknown: 'ENTITLEMENT_UNKNOWN',
  /** CL-6: the assignment would over-assign the entitlement pool. */
  EntitlementExhausted: 'ENTITLEMENT_EXHAUSTED',
  /** CL-4: the product is listed in another account. */
  ProductOwnedElsewhere: 'PRODUCT_OWNED_ELSEWHERE',
  /** CL-7: no request code of the product is on record to answer. */
  RequestMissing: 'REQUEST_MISSING',
  /** CL-7: the response code was issued for another product. */
  ResponseForeign: 'RESPONSE_FOREIGN',
  /** CL-7: the response code answers an older request. */
  ResponseStale: 'RESPONSE_STALE',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
