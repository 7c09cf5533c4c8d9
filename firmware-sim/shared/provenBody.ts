import type { Identity } from '../../emulator/identity/Identity.ts';
import { proofText, signProof } from '../../protocol/deviceCertificate.ts';

type Body = Record<string, unknown>;

/**
 * A request body that proves which device sends it: the body's fields plus the device's
 * hardware ID, its certificate, and its key's signature over the op, this request's ID and the
 * `subject` (what the request asks, as the op defines it). A builder for the portal client,
 * because the proof signs the request ID the client draws, so it cannot be replayed.
 */
export function provenBody(options: { identity: Identity; op: string; subject: readonly string[]; body?: Body }): (requestId: string) => Body {
  const { identity, op, subject, body = {} } = options;
  return (requestId) => ({
    ...body,
    hardwareId: identity.hardwareId,
    certificate: identity.certificate,
    proof: signProof(identity.deviceKey, proofText(op, requestId, identity.hardwareId, subject)),
  });
}
