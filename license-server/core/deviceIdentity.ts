import { z } from 'zod';
import { proofText, verifyDeviceProof, type CertificatePayload } from '../../protocol/deviceCertificate.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { fail, type Result } from './result.ts';
import type { CoreContext } from './CoreContext.ts';
import { hardwareIdSchema } from './fields.ts';

/** What every device operation carries to prove which device sent it (GW-6, GW-8, SS-4…SS-6, PC-7). */
export const deviceIdentityFields = {
  hardwareId: hardwareIdSchema,
  /** CRT1 device certificate from the manufacturer; empty is refused as CERTIFICATE_MISSING, not as a bad body. */
  certificate: z.string().max(4096),
  /** The device key's signature of proofText(op, requestId, hardwareId, subject). */
  proof: z.string().min(1).max(256),
  /** The link request's ID: the proof signs it and the server remembers it, so a captured request cannot be replayed. */
  requestId: z.string().min(1).max(64),
};

type DeviceProof = { op: string; hardwareId: string; certificate: string; proof: string; requestId: string; subject: readonly string[] };

/**
 * Checks the certificate and the proof, then remembers the request ID (rememberRequest): a
 * request is used up once its proof has been accepted, so a captured one never works again,
 * whatever changed since (TM-3). Call it outside any transaction on the store (on SQLite one
 * inside another waits forever). Codes: `CERTIFICATE_MISSING`, `CERTIFICATE_INVALID`,
 * `PROOF_INVALID`, `REQUEST_REPLAYED`.
 */
export async function verifyDevice(ctx: CoreContext, args: DeviceProof): Promise<Result<CertificatePayload>> {
  const checked = checkDevice(ctx, args);
  if (!checked.ok) return checked;
  const fresh = await rememberRequest(ctx, args);
  return fresh.ok ? checked : fresh;
}

/** The certificate and proof alone, remembering nothing. Codes: `CERTIFICATE_MISSING`, `CERTIFICATE_INVALID`, `PROOF_INVALID`. */
export function checkDevice(ctx: CoreContext, args: DeviceProof): Result<CertificatePayload> {
  if (args.certificate.trim() === '') {
    return fail(ErrorCode.CertificateMissing, `${args.op}: the request carries no device certificate; a device proves who it is with the certificate from its factory`, 'certificate');
  }
  return verifyDeviceProof({
    certificate: args.certificate,
    manufacturerPublicKey: ctx.manufacturerPublicKey,
    hardwareId: args.hardwareId,
    proof: args.proof,
    text: proofText(args.op, args.requestId, args.hardwareId, args.subject),
    certificates: certificatesOf(ctx),
  });
}

// Per server (its manufacturer key is fixed): the device certificates it has verified.
const verifiedCertificates = new WeakMap<CoreContext, Map<string, CertificatePayload>>();
function certificatesOf(ctx: CoreContext): Map<string, CertificatePayload> {
  let kept = verifiedCertificates.get(ctx);
  if (kept === undefined) verifiedCertificates.set(ctx, (kept = new Map()));
  return kept;
}

/**
 * [TM-3] Records a proven request's ID for its hardware ID, in a transaction of its own that
 * commits even when the operation is refused later. Code: `REQUEST_REPLAYED`.
 */
export async function rememberRequest(ctx: CoreContext, args: { op: string; hardwareId: string; requestId: string }): Promise<Result<void>> {
  const request = { hardwareId: args.hardwareId, requestId: args.requestId, op: args.op, at: ctx.clock.now() };
  const fresh = await ctx.clock.track(ctx.store.transaction((tx) => tx.deviceRequests.remember(request)));
  if (fresh) return { ok: true, value: undefined };
  return fail(ErrorCode.RequestReplayed, `${args.op}: request ${args.requestId} from hardware ID ${args.hardwareId} was accepted before; a signed request works once`, 'requestId');
}
