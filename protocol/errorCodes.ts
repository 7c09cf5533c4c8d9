import type { FrameErrorCode } from './FrameErrorCode.ts';

/**
 * Stable error codes that cross the wire (link replies, HTTP bodies): every code a license
 * server may answer a request with. Clients branch on these; messages are for people and may
 * change. A device narrows a reply's code to this set (`isWireErrorCode`): anything else is not
 * a reply the protocol defines. license-server/http/failureStatus.ts gives each an HTTP status.
 */
export const WireErrorCode = {
  /** The request or its body broke its schema, or a value is out of range; the message names the field. */
  BadRequest: 'BAD_REQUEST',
  /** The request's `op` is not one the server serves; the message lists the known ones. */
  UnknownOperation: 'UNKNOWN_OPERATION',
  /** The account, license, order, product, token or route named does not exist. */
  NotFound: 'NOT_FOUND',
  /** The caller may not do this (e.g. move a test license, act for another partner, lack a role). */
  Forbidden: 'FORBIDDEN',
  /** A typed code (activation key, request code) is malformed; the message names the position. */
  CodeInvalid: 'CODE_INVALID',
  /** SS-8: the request code was made by another product than the one named. */
  CodeForeign: 'CODE_FOREIGN',
  /** The activation key belongs to no order. */
  ActivationKeyUnknown: 'ACTIVATION_KEY_UNKNOWN',
  /** The activation key was activated already. */
  ActivationKeyUsed: 'ACTIVATION_KEY_USED',
  /** GW-2, SS-5: the license is bound to (activated on) other hardware. */
  LicenseBoundElsewhere: 'LICENSE_BOUND_ELSEWHERE',
  /** The license is not bound to this hardware (or to any). */
  LicenseNotBound: 'LICENSE_NOT_BOUND',
  /** The license's term has ended. */
  LicenseInactive: 'LICENSE_INACTIVE',
  /** GW-8: this hardware had its one test license already. */
  TestLicenseAlreadyIssued: 'TEST_LICENSE_ALREADY_ISSUED',
  /** GW-6: the device certificate is not signed by the manufacturer, or is for other hardware. */
  CertificateInvalid: 'CERTIFICATE_INVALID',
  /** GW-6: the request's proof does not verify against the device certificate. */
  ProofInvalid: 'PROOF_INVALID',
  /** TM-3: a signed device request carried no device certificate. */
  CertificateMissing: 'CERTIFICATE_MISSING',
  /** TM-3: the server accepted a signed request with this ID from this device before: a replay. */
  RequestReplayed: 'REQUEST_REPLAYED',
  /** A state conflict: already there, or a concurrent change collided (try again). */
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
  /** The server failed; the message says where. */
  Internal: 'INTERNAL',
} as const;
export type WireErrorCode = (typeof WireErrorCode)[keyof typeof WireErrorCode];

/**
 * Protocol codes a receiver produces itself — the link failed, or what arrived does not check
 * out — and never sends in a reply.
 */
export const LocalErrorCode = {
  /** No reply within the device's timeout (30 s in fleetrig's firmware). */
  Timeout: 'TIMEOUT',
  /** The link was down when sending, or went down while waiting for the reply. */
  LinkDown: 'LINK_DOWN',
  /** A signed blob (LIC1, CRT1, RSP1) does not verify: altered, or not issued by the expected key. */
  SignatureInvalid: 'SIGNATURE_INVALID',
  /** A signed blob is not `KIND.payload.signature`, or its payload is not the JSON its kind needs. */
  EnvelopeMalformed: 'ENVELOPE_MALFORMED',
  /** The license file is bound to other hardware than this device's. */
  LicenseForeignHardware: 'LICENSE_FOREIGN_HARDWARE',
  /** This license file (its nonce) was installed on this device before; a file installs once. */
  LicenseReplayed: 'LICENSE_REPLAYED',
  /** TM-2: the license file is an older issuance than one this device has seen for the same license. */
  LicenseSuperseded: 'LICENSE_SUPERSEDED',
  /** CL-7, SS-8: the response code was issued for another product. */
  ResponseForeign: 'RESPONSE_FOREIGN',
  /** CL-7: the response code answers an older request. */
  ResponseStale: 'RESPONSE_STALE',
} as const;
export type LocalErrorCode = (typeof LocalErrorCode)[keyof typeof LocalErrorCode];

/** The protocol's codes by name, wire and local, for call sites: `ErrorCode.NotFound`. */
export const ErrorCode = { ...WireErrorCode, ...LocalErrorCode } as const;

/** Every code the protocol layer defines: wire, local, and serial-frame refusals. */
export type ProtocolErrorCode = WireErrorCode | LocalErrorCode | FrameErrorCode;

/**
 * Each layer's error codes, by layer. A layer registers its own table here by augmenting this
 * interface from its own code (`declare module '…/protocol/errorCodes.ts'`), so the table stays
 * in its layer, imports still point one way (every layer → protocol), and `ErrorCode` below is
 * the union of them all: what `fail` and `Failure` accept.
 */
export interface ErrorCodeLayers {
  protocol: ProtocolErrorCode;
}

/** Every error code of every layer. A code outside it does not compile in `fail(code, …)`. */
export type ErrorCode = ErrorCodeLayers[keyof ErrorCodeLayers];

const WIRE_CODES: ReadonlySet<string> = new Set(Object.values(WireErrorCode));

/** Narrows a code read off the wire (a reply, an HTTP body) to the codes a server may answer. */
export function isWireErrorCode(code: string): code is WireErrorCode {
  return WIRE_CODES.has(code);
}
