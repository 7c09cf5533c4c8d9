import { createBoard } from '../../../emulator/board/createBoard.ts';
import { VirtualClock } from '../../../emulator/clock/VirtualClock.ts';
import { createFactory, manufacture } from '../../../emulator/identity/manufacture.ts';
import { createMemoryLinkPair } from '../../../emulator/link/memoryLinkPair.ts';
import { createRandom } from '../../../emulator/random/Random.ts';
import { signingKeyFromSeed } from '../../../protocol/signing/ed25519.ts';

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

