import { VirtualClock } from '../../../emulator/clock/VirtualClock.ts';
import { createRandom } from '../../../emulator/random/Random.ts';
import { createMemoryLinkPair } from '../../../emulator/link/memoryLinkPair.ts';
import { createFactory, manufacture } from '../../../emulator/identity/manufacture.ts';
import { createBoard } from '../../../emulator/board/createBoard.ts';
import { signingKeyFromSeed } from '../../../protocol/signing/ed25519.ts';
import { sealLicenseFile, type LicensePayload } from '../../../protocol/licenseFile.ts';
import { createGateway } from '../createGateway.ts';
import { BOOT_TIME_MS } from '../gatewayMachine.ts';

/**
 * One gateway on a real emulated board (FlashNvram, SupplyPower, memory link) in virtual time,
 * with the vendor key that signs its license files: the starting point of every gateway test.
 */
export function createGatewayRig(options: { seed?: string; replyTimeoutMs?: number } = {}) {
  const clock = new VirtualClock();
  const random = createRandom(options.seed ?? 'gateway-rig');
  // One vendor for every rig, so files from one rig's portal are genuine on another rig's board.
  const vendorKey = signingKeyFromSeed(createRandom('test-vendor').bytes(32));
  const factory = createFactory({ random: random.fork('factory'), clock });
  const boardRandom = random.fork('board');
  const identity = manufacture(factory, { random: boardRandom, family: 'gateway' });
  const wire = createMemoryLinkPair();
  const board = createBoard({ id: 'gw-001', clock, random: boardRandom, identity, link: wire.a });
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

  /** Advances until the gateway runs, or fails the test if it does not boot within a minute. */
  const untilRunning = async (): Promise<void> => {
    const booted = await clock.advanceUntil(() => gateway.snapshot().state === 'running', BOOT_TIME_MS * 2);
    if (!booted) throw new Error(`gateway did not boot; it is ${gateway.snapshot().state}`);
  };

  return {
    clock,
    board,
    gateway,
    wire,
    vendorKey,
    factory,
    identity,
    licenseFile,
    untilRunning,
    async boot() {
      gateway.start();
      await untilRunning();
    },
    async reset() {
      board.reset();
      await untilRunning();
    },
  };
}
