import { readRequestCode } from '../../../protocol/codes/requestCode.ts';
import { sealResponseCode, type Grant } from '../../../protocol/responseCode.ts';
import { videoOps, type VideoVariant } from '../../../protocol/messages/video.ts';
import { unwrap, type Result } from '../../../protocol/result.ts';
import { createApplianceRig, type RigOptions } from '../../shared/testing/applianceRig.ts';
import { createVideoPlatform } from '../createVideoPlatform.ts';
import { BOOT_TIME_MS } from '../videoMachine.ts';

type UpdateBody = ReturnType<typeof videoOps.updateLicense.request.parse>;

/**
 * One Clariti product on a real emulated board in virtual time, with the vendor key that signs
 * response codes and a scripted portal on the other end of its link: the starting point of
 * every video firmware test. Every rig shares one vendor, so one rig's codes are genuine on
 * another's board (and refused there only because they name another product).
 */
export function createVideoRig(options: RigOptions & { variant?: VideoVariant; refreshIntervalMs?: number } = {}) {
  const rig = createApplianceRig({
    id: 'cl-001',
    family: 'video',
    seed: options.seed ?? 'video-rig',
    bootTimeMs: BOOT_TIME_MS,
    build: ({ board, vendorKey }) => createVideoPlatform({
      board, variant: options.variant, vendorPublicKey: vendorKey.publicKey, refreshIntervalMs: options.refreshIntervalMs, replyTimeoutMs: options.replyTimeoutMs,
    }),
  });
  const { clock, vendorKey, portal } = rig;
  const updates: UpdateBody[] = [];

  /** A response code answering `requestCode`, signed by the vendor (or by `key`). */
  const responseFor = (requestCode: string, grants: Grant[], overrides: { family?: string; key?: typeof vendorKey } = {}): string => {
    const code = unwrap(readRequestCode(requestCode));
    return sealResponseCode(
      { family: overrides.family ?? 'video', fingerprint: code.fingerprint, requestNonce: code.nonce, issuedAt: clock.now(), grants },
      overrides.key ?? vendorKey,
    );
  };

  return {
    ...rig,
    portal: Object.assign(portal, {
      /** The bodies of the Update License requests answered, oldest first. */
      updates,
      /** Answers the product's Update License requests with `reply`, recording each body. */
      answerUpdates(reply: (body: UpdateBody) => Result<{ productId: string; responseCode: string }>): void {
        portal.answer(videoOps.updateLicense.op, (request) => {
          const body = videoOps.updateLicense.request.parse(request.body);
          updates.push(body);
          const result = reply(body);
          return result.ok ? { ok: true, body: result.value } : { ok: false, error: result.error };
        });
      },
    }),
    responseFor,
  };
}

export const ports = (count: number): Grant => ({ licenseId: 'entitlement:CLARITI-PORTS', featureCode: 'CLARITI-PORTS', count, end: null });
export const users = (count: number): Grant => ({ licenseId: 'entitlement:CLARITI-USERS', featureCode: 'CLARITI-USERS', count, end: null });
