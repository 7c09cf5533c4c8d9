import { readRequestCode } from '../../../protocol/codes/requestCode.ts';
import { sealResponseCode, type Grant } from '../../../protocol/responseCode.ts';
import { requestSchema } from '../../../protocol/messages/envelope.ts';
import { videoOps, type VideoVariant } from '../../../protocol/messages/video.ts';
import { unwrap, type Result } from '../../../protocol/result.ts';
import { bootHelpers, createTestBoard } from '../../shared/testing/testBoard.ts';
import { createVideoPlatform } from '../createVideoPlatform.ts';
import { BOOT_TIME_MS } from '../videoMachine.ts';

type UpdateBody = ReturnType<typeof videoOps.updateLicense.request.parse>;

/**
 * One Clariti product on a real emulated board in virtual time, with the vendor key that signs
 * response codes and a stand-in for the portal on the other end of its link: the starting point
 * of every video firmware test. Every rig shares one vendor, so one rig's codes are genuine on
 * another's board (and refused there only because they name another product).
 */
export function createVideoRig(options: { seed?: string; variant?: VideoVariant; refreshIntervalMs?: number; replyTimeoutMs?: number } = {}) {
  const { clock, vendorKey, identity, wire, board } = createTestBoard({ id: 'cl-001', family: 'video', seed: options.seed ?? 'video-rig' });
  const product = createVideoPlatform({
    board, variant: options.variant, vendorPublicKey: vendorKey.publicKey, refreshIntervalMs: options.refreshIntervalMs, replyTimeoutMs: options.replyTimeoutMs,
  });
  const updates: UpdateBody[] = [];

  /** A response code answering `requestCode`, signed by the vendor (or by `key`). */
  const responseFor = (requestCode: string, grants: Grant[], overrides: { family?: string; key?: typeof vendorKey } = {}): string => {
    const code = unwrap(readRequestCode(requestCode));
    return sealResponseCode(
      { family: overrides.family ?? 'video', fingerprint: code.fingerprint, requestNonce: code.nonce, issuedAt: clock.now(), grants },
      overrides.key ?? vendorKey,
    );
  };

  /** Answers the product's Update License requests on the wire with `reply`, recording each. */
  const portal = (reply: (body: UpdateBody) => Result<{ productId: string; responseCode: string }>): void => {
    wire.b.onFrame((frame) => {
      const request = requestSchema.parse(JSON.parse(frame));
      const body = videoOps.updateLicense.request.parse(request.body);
      updates.push(body);
      const result = reply(body);
      wire.b.send(JSON.stringify(result.ok ? { id: request.id, ok: true, body: result.value } : { id: request.id, ok: false, error: result.error }));
    });
  };

  return {
    clock, board, product, wire, vendorKey, identity, updates, responseFor, portal,
    ...bootHelpers({ appliance: product, board, clock, bootTimeMs: BOOT_TIME_MS }),
  };
}

export const ports = (count: number): Grant => ({ licenseId: 'entitlement:CLARITI-PORTS', featureCode: 'CLARITI-PORTS', count, end: null });
export const users = (count: number): Grant => ({ licenseId: 'entitlement:CLARITI-USERS', featureCode: 'CLARITI-USERS', count, end: null });
