import type { Clock } from '../../emulator/clock/Clock.ts';
import type { Identity } from '../../emulator/identity/Identity.ts';
import { createFactory, manufacture, type Factory } from '../../emulator/identity/manufacture.ts';
import { createRandom, type Random } from '../../emulator/random/Random.ts';

/**
 * The appliance `fleetrig device <family> --seed N` runs, as the factory built it: the same
 * seed and family always give the same hardware ID, certificate and device key, so a host
 * program (or a test) can sign proven requests as that device. `random` is the device's stream,
 * for the rest of what runDevice draws.
 */
export function manufactureDevice(options: { seed: number; family: string; clock: Clock }): { random: Random; factory: Factory; identity: Identity } {
  const random = createRandom(options.seed).fork(`device/${options.family}`);
  const factory = createFactory({ random: random.fork('factory'), clock: options.clock });
  return { random, factory, identity: manufacture(factory, { random: random.fork('identity'), family: options.family }) };
}
