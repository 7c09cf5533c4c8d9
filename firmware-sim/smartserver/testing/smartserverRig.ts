import { VirtualClock } from '../../../emulator/clock/VirtualClock.ts';
import { createRandom } from '../../../emulator/random/Random.ts';
import { createMemoryLinkPair } from '../../../emulator/link/memoryLinkPair.ts';
import { createFactory, manufacture } from '../../../emulator/identity/manufacture.ts';
import { createBoard } from '../../../emulator/board/createBoard.ts';
import { signingKeyFromSeed } from '../../../protocol/signing/ed25519.ts';
import { unwrap } from '../../../protocol/result.ts';
import { createSmartServer } from '../createSmartServer.ts';
import { ACTIVATION_TIME_MS, BOOT_TIME_MS } from '../smartserverMachine.ts';
import { createScriptedCloud } from './scriptedCloud.ts';

export const RIG_CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';

/**
 * One SmartServer on an emulated board (FlashNvram, SupplyPower, memory link) in virtual time,
 * with a scripted cloud on the far end of its wire: the starting point of every SmartServer test.
 */
export function createSmartServerRig(options: { seed?: string; firmwareVersion?: string; replyTimeoutMs?: number } = {}) {
  const clock = new VirtualClock();
  const random = createRandom(options.seed ?? 'smartserver-rig');
  const vendorKey = signingKeyFromSeed(createRandom('test-vendor').bytes(32));
  const factory = createFactory({ random: random.fork('factory'), clock });
  const boardRandom = random.fork('board');
  const identity = manufacture(factory, { random: boardRandom, family: 'smartserver' });
  const wire = createMemoryLinkPair();
  const board = createBoard({ id: 'ss-001', clock, random: boardRandom, identity, link: wire.a });
  const server = createSmartServer({ board, vendorPublicKey: vendorKey.publicKey, firmwareVersion: options.firmwareVersion, replyTimeoutMs: options.replyTimeoutMs });
  const cloud = createScriptedCloud({ link: wire.b, clock, vendorKey });

  const untilRunning = async (): Promise<void> => {
    const booted = await clock.advanceUntil(() => server.snapshot().state === 'running', BOOT_TIME_MS * 2);
    if (!booted) throw new Error(`SmartServer did not boot; it is ${server.snapshot().state}`);
  };

  return {
    clock,
    board,
    server,
    wire,
    cloud,
    vendorKey,
    identity,
    untilRunning,
    async boot() {
      server.start();
      await untilRunning();
    },
    async reset() {
      board.reset();
      await untilRunning();
    },
    /** Saves the rig's Customer ID on the server. */
    saveCustomerId(customerId = RIG_CUSTOMER_ID) {
      unwrap(server.accounts.edit(customerId));
      unwrap(server.accounts.save());
    },
    /** Downloads, activates the given licenses, and lets the activation complete. */
    async activate(licenseIds: string[]) {
      unwrap(await server.cloud.download());
      unwrap(await server.cloud.activate(licenseIds));
      await clock.advance(ACTIVATION_TIME_MS);
    },
  };
}
