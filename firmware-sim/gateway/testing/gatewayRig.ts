import { sealLicenseFile, type LicensePayload } from '../../../protocol/licenseFile.ts';
import { bootHelpers, createTestBoard } from '../../shared/testing/testBoard.ts';
import { createGateway } from '../createGateway.ts';
import { BOOT_TIME_MS } from '../gatewayMachine.ts';

/**
 * One gateway on a real emulated board (FlashNvram, SupplyPower, memory link) in virtual time,
 * with the vendor key that signs its license files: the starting point of every gateway test.
 */
export function createGatewayRig(options: { seed?: string; replyTimeoutMs?: number } = {}) {
  // One vendor for every rig, so files from one rig's portal are genuine on another rig's board.
  const { clock, random, vendorKey, factory, identity, wire, board } = createTestBoard({ id: 'gw-001', family: 'gateway', seed: options.seed ?? 'gateway-rig' });
  const gateway = createGateway({ board, vendorPublicKey: vendorKey.publicKey, replyTimeoutMs: options.replyTimeoutMs });
  const nonces = random.fork('nonces');
  let serial = 0;

  /** A license file for this board (or another hardware ID), signed by the vendor. */
  const licenseFile = (overrides: Partial<LicensePayload> = {}): string =>
    sealLicenseFile(
      {
        licenseId: `LIC-${++serial}`,
        hardwareId: identity.hardwareId,
        featureCode: 'Mobility',
        count: 2,
        start: clock.now(),
        end: null,
        transactionType: 'New',
        kind: 'standard',
        nonce: nonces.hex(8),
        issuedAt: clock.now(),
        ...overrides,
      },
      vendorKey,
    );

  return {
    clock,
    board,
    gateway,
    wire,
    vendorKey,
    factory,
    identity,
    licenseFile,
    ...bootHelpers({ appliance: gateway, board, clock, bootTimeMs: BOOT_TIME_MS }),
  };
}
