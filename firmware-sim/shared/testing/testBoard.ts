import type { Board } from '../../../emulator/board/Board.ts';
import { createBoard } from '../../../emulator/board/createBoard.ts';
import { VirtualClock } from '../../../emulator/clock/VirtualClock.ts';
import { createFactory, manufacture } from '../../../emulator/identity/manufacture.ts';
import { createMemoryLinkPair } from '../../../emulator/link/memoryLinkPair.ts';
import { createRandom } from '../../../emulator/random/Random.ts';
import { signingKeyFromSeed } from '../../../protocol/signing/ed25519.ts';
import type { Appliance } from '../Appliance.ts';

/**
 * One board as every firmware rig builds it: a real emulated board (FlashNvram, SupplyPower) in
 * virtual time, its link one end of a memory wire (the test holds `wire.b`), its identity from a
 * factory of its own. With the test vendor key every rig shares, so what one rig signs is
 * genuine on another's board.
 */
export function createTestBoard(options: { id: string; family: string; seed: string; clock?: VirtualClock }) {
  const clock = options.clock ?? new VirtualClock();
  const random = createRandom(options.seed);
  const vendorKey = signingKeyFromSeed(createRandom('test-vendor').bytes(32));
  const factory = createFactory({ random: random.fork('factory'), clock });
  const boardRandom = random.fork('board');
  const identity = manufacture(factory, { random: boardRandom, family: options.family });
  const wire = createMemoryLinkPair();
  const board = createBoard({ id: options.id, clock, random: boardRandom, identity, link: wire.a });
  return { clock, random, vendorKey, factory, identity, wire, board };
}

/** Boot, reset and wait for an appliance on its test board, each until it runs again. */
export function bootHelpers(options: { appliance: Appliance; board: Board; clock: VirtualClock; bootTimeMs: number }) {
  const { appliance, board, clock, bootTimeMs } = options;
  /** Advances until the appliance runs, or fails the test if it does not boot within twice its boot time. */
  const untilRunning = async (): Promise<void> => {
    const booted = await clock.advanceUntil(() => appliance.snapshot().state === 'running', bootTimeMs * 2);
    if (!booted) throw new Error(`${appliance.family} ${appliance.deviceId} did not boot; it is ${appliance.snapshot().state}`);
  };
  return {
    untilRunning,
    async boot() {
      appliance.start();
      await untilRunning();
    },
    async reset() {
      board.reset();
      await untilRunning();
    },
  };
}
