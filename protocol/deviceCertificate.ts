import { z } from 'zod';
import { seal, unseal } from './signing/envelope.ts';
import { signText, verifyText, type SigningKey } from './signing/ed25519.ts';
import { fail, ok, type Failure, type Result } from './result.ts';

/**
 * A device certificate, issued by the manufacturer at production: it binds a hardware ID (and
 * the install code printed on the unit) to the device's own public key. The portal accepts a
 * license invalidation (GW-6), and the cloud a SmartServer's request for an install code
 * (SS-4..SS-6), only from a device that presents a valid certificate and proves it holds the
 * matching private key.
 */
export const CERTIFICATE_KIND = 'CRT1';

export const certificatePayloadSchema = z.object({
  hardwareId: z.string().min(1),
  serialNumber: z.string().min(1),
  /** The install code printed on the unit (a SmartServer's identity in the cloud); absent on older certificates. */
  installCode: z.string().min(1).optional(),
  devicePublicKey: z.string().min(1),
  issuedAt: z.number().int(),
});
export type CertificatePayload = z.infer<typeof certificatePayloadSchema>;

export function issueCertificate(payload: CertificatePayload, manufacturerKey: SigningKey): string {
  return seal(CERTIFICATE_KIND, payload, manufacturerKey);
}

/** The text a device signs to prove it holds its key for one request. */
export function proofText(op: string, requestId: string, hardwareId: string, subject: readonly string[]): string {
  return [op, requestId, hardwareId, ...subject].join('\n');
}

export function signProof(deviceKey: SigningKey, text: string): string {
  return signText(deviceKey, text);
}

/**
 * Checks a certificate against the manufacturer key and the claimed hardware ID, then the
 * proof against the certificate's device key. Codes: `CERTIFICATE_INVALID`, `PROOF_INVALID`.
 */
export function verifyDeviceProof(args: {
  certificate: string;
  manufacturerPublicKey: string;
  hardwareId: string;
  proof: string;
  text: string;
  /** Where a verifier remembers certificates it has opened (a fleet sends the same ones again and again). */
  certificates?: Map<string, CertificatePayload>;
}): Result<CertificatePayload, Failure<'CERTIFICATE_INVALID' | 'PROOF_INVALID'>> {
  const cert = openCertificate(args.certificate, args.manufacturerPublicKey, args.certificates);
  if (!cert.ok) return fail('CERTIFICATE_INVALID', `device certificate rejected: ${cert.error.message}`);
  if (cert.value.hardwareId !== args.hardwareId) {
    return fail('CERTIFICATE_INVALID', `device certificate is for hardware ID ${cert.value.hardwareId}, not ${args.hardwareId}`);
  }
  if (!verifyText(cert.value.devicePublicKey, args.text, args.proof)) {
    return fail('PROOF_INVALID', 'request signature does not match the device certificate');
  }
  return ok(cert.value);
}

/** Certificates a verifier remembers; enough for a large fleet in one process. */
const CERTIFICATES_KEPT = 16_384;

/**
 * A certificate's payload once its manufacturer signature checks out. A certificate is a pure
 * function of its text under one manufacturer key, so `kept` (one verifier's memory, for that
 * key) spares the signature check of one seen before; the proof is still checked every time.
 */
function openCertificate(text: string, manufacturerPublicKey: string, kept?: Map<string, CertificatePayload>): Result<CertificatePayload> {
  const known = kept?.get(text);
  if (known !== undefined) return ok(known);
  const cert = unseal(CERTIFICATE_KIND, text, manufacturerPublicKey, certificatePayloadSchema);
  if (cert.ok && kept !== undefined) {
    kept.set(text, cert.value);
    if (kept.size > CERTIFICATES_KEPT) kept.delete(kept.keys().next().value!);
  }
  return cert;
}
