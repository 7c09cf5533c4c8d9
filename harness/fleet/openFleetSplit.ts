import { brokerSecret, LICENSE_SERVER_USER } from '../../broker/brokerSecret.ts';
import { openPostgresStore } from '../../license-server/store/postgresStore.ts';
import type { Shard } from '../runner/shardFiles.ts';
import type { FleetSplit } from './FleetSplit.ts';
import { FleetSyncError, joinFleet } from './fleetSync.ts';

export interface FleetSplitOptions {
  readonly shard: Shard;
  /** Names the fleet's barrier topics and its store schema (`--fleet-id`). */
  readonly fleetId: string;
  readonly brokerUrl: string;
  /** The shared PostgreSQL store, `postgres://…` (`--store`). */
  readonly storeUrl: string;
  /** The run's credential seed: the barrier client is the license-server service. */
  readonly credentialSeed: number;
  /** What every shard must agree on; see joinFleet. */
  readonly digest: string;
  readonly joinTimeoutMs?: number;
}

/** The PostgreSQL schema of a split fleet's store: one per fleet ID, emptied before each scenario. */
export const fleetSchema = (fleetId: string): string => `fleetrig_fleet_${fleetId.replace(/-/g, '_')}`;

/** Joins the other shards of `fleetId` at the broker, and opens the fleet's store on demand. */
export async function openFleetSplit(options: FleetSplitOptions): Promise<FleetSplit & { close(): Promise<void> }> {
  const { shard, fleetId, storeUrl } = options;
  const sync = await joinFleet({
    url: options.brokerUrl,
    username: LICENSE_SERVER_USER,
    password: brokerSecret({ credentialSeed: options.credentialSeed, username: LICENSE_SERVER_USER }),
    fleetId,
    shard,
    digest: options.digest,
    ...(options.joinTimeoutMs === undefined ? {} : { joinTimeoutMs: options.joinTimeoutMs }),
  });
  const schema = fleetSchema(fleetId);
  return {
    shard,
    sync,
    openStore: (fresh) => openPostgresStore({ connectionString: storeUrl, schema, fresh }).catch((error: unknown) => {
      throw new FleetSyncError(`the fleet's store at ${withoutPassword(storeUrl)} cannot be opened: ${(error as Error).message}`);
    }),
    close: () => sync.close(),
  };
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
