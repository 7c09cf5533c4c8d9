import type { z } from 'zod';
import { smartserverProofSubject, type SmartServerOp } from '../../protocol/messages/smartserver.ts';
import type { Result } from '../../protocol/result.ts';
import { provenBody } from '../shared/provenBody.ts';
import type { SmartServerCore } from './SmartServerCore.ts';

/**
 * Sends one `smartserver.*` request to the cloud for this server's install code, proven with its device
 * certificate (the cloud acts for an install code only on its own server's word).
 */
export function askCloud<T>(
  core: SmartServerCore,
  spec: { op: SmartServerOp; reply: z.ZodType<T> },
  fields: { customerId?: string; licenseIds?: readonly string[]; after?: string } = {},
): Promise<Result<T>> {
  const { identity } = core.board;
  const body = { ...fields, installCode: identity.installCode };
  return core.portal.request({
    op: spec.op,
    body: provenBody({ identity, op: spec.op, subject: smartserverProofSubject(spec.op, body), body }),
    reply: spec.reply,
  });
}
