import type { Store } from '../../license-server/store/Store.ts';
import type { Shard } from '../runner/shardFiles.ts';
import type { FleetSync } from './fleetSync.ts';

/** What one shard of a fleet split across processes (`--fleet-shard i/n`) runs with. */
export interface FleetSplit {
  readonly shard: Shard;
  /** The barrier the shards meet at, over the broker. */
  readonly sync: FleetSync;
  /** The fleet's one store; `fresh` empties it first (shard 1, before each scenario, while the others wait). */
  openStore(fresh: boolean): Promise<Store>;
}

/** What the shards tell each other after each step: how it went here, and what it left for later steps. */
export interface StepReport {
  /** This shard's failure, in one line. */
  readonly failed?: string;
  /** A signal stopped this shard. */
  readonly interrupted?: string;
  /** Scenario values this shard's step set (a request code a device showed), to pass on. */
  readonly vars?: [string, unknown][];
  /** Orders whose licenses this shard's step created (`order.activate`), by scenario name. */
  readonly orders?: [string, string[]][];
}
