import type { Clock } from '../../emulator/clock/Clock.ts';
import type { Random } from '../../emulator/random/Random.ts';
import type { SigningKey } from '../../protocol/signing/ed25519.ts';
import type { Store } from '../store/Store.ts';

/**
 * What every domain operation runs against: the store, the one clock, seeded random streams
 * (one per purpose, so adding a draw for IDs never changes the keys a seed gives) and the keys.
 */
export interface CoreContext {
  readonly store: Store;
  readonly clock: Clock;
  /** Record IDs (orders, licenses). */
  readonly ids: Random;
  /** Activation keys. */
  readonly keys: Random;
  /** License-file nonces. */
  readonly nonces: Random;
  /** Signs license files; devices verify with its public key. */
  readonly vendorKey: SigningKey;
  /** Verifies device certificates (GW-6). */
  readonly manufacturerPublicKey: string;
}
