import { z } from 'zod';
import { ErrorCode } from '../../../protocol/errorCodes.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { smartserverProofSubject, type SmartServerOp, type smartserverOps } from '../../../protocol/messages/smartserver.ts';
import { fail, type Result } from '../../core/result.ts';
import { checkDevice, rememberRequest } from '../../core/deviceIdentity.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { runOperation } from '../../core/runOperation.ts';

type ServerOpSpec = (typeof smartserverOps)[keyof typeof smartserverOps];

/** A device op's body as the server sends it, with the ID of the request that carried it. */
export type ServerRequest<S extends ServerOpSpec> = z.input<S['request']> & { requestId: string };

/** How every `smartserver.*` body names and proves the server that sends it. */
interface ServerIdentity {
  installCode: string;
  hardwareId: string;
  certificate: string;
  proof: string;
}

const requestIdSchema = z.string().min(1).max(64);

/**
 * SS-4, SS-5 and SS-6 as a SmartServer asks for them over its link. Each names an install code
 * and acts on the licenses bound to it, so it must come from that server: the request carries
 * the server's device certificate, which certifies its hardware ID and install code, and a proof
 * signed with the certified key over this request's ID and what it asks. Without this, one
 * server could list, claim or transfer away another's licenses by naming its install code.
 * Runs `operation` on the body's own fields once the proof holds; a request that fails it is
 * logged as refused.
 * Codes: the operation's, plus `BAD_REQUEST`, `CERTIFICATE_MISSING`, `REQUEST_REPLAYED` (TM-3), `CERTIFICATE_INVALID` (not the manufacturer's,
 * or certifying another hardware ID or install code) and `PROOF_INVALID`.
 */
export async function provenByServer<B extends ServerIdentity, T>(
  ctx: CoreContext,
  args: {
    op: SmartServerOp;
    /** The op's request body schema (smartserverOps). */
    schema: z.ZodType<B>;
    request: { requestId: string };
    operation: (fields: Omit<B, 'hardwareId' | 'certificate' | 'proof'>) => Promise<Result<T>>;
  },
): Promise<Result<T>> {
  const { op, operation } = args;
  const { requestId, ...body } = args.request;
  const id = parseValue(requestId, requestIdSchema, `${op} request ID`);
  if (!id.ok) return id;
  const parsed = parseValue(body, args.schema, op);
  if (!parsed.ok) return parsed;
  const { hardwareId, certificate, proof, ...fields } = parsed.value;
  const proven = await checkProof(ctx, { op, requestId: id.value, hardwareId, certificate, proof, installCode: fields.installCode, subject: smartserverProofSubject(op, fields) });
  if (!proven.ok) {
    const info = { actor: `device:${hardwareId}`, action: op, subject: fields.installCode };
    return runOperation(ctx, info, async () => proven);
  }
  return operation(fields);
}

/** The certificate is the manufacturer's, for this hardware ID and install code, and the proof its key's. */
async function checkProof(
  ctx: CoreContext,
  args: { op: SmartServerOp; requestId: string; hardwareId: string; certificate: string; proof: string; installCode: string; subject: string[] },
): Promise<Result<unknown>> {
  const { op, installCode } = args;
  const verified = checkDevice(ctx, args);
  if (!verified.ok) return verified;
  const certified = verified.value.installCode;
  if (certified === installCode) {
    const fresh = await rememberRequest(ctx, args);
    return fresh.ok ? verified : fresh;
  }
  const whose = certified === undefined ? 'certifies no install code' : `is for install code ${certified}`;
  return fail(ErrorCode.CertificateInvalid, `${op}: the device certificate ${whose}, not ${installCode}; a SmartServer acts only for its own install code`, 'installCode');
}
