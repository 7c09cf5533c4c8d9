import { openSqliteStore } from '../../../license-server/store/sqliteStore.ts';
import type { Store } from '../../../license-server/store/Store.ts';
import type { Catalogue } from '../../catalogue.ts';
import type { ScenarioResult } from '../../report/RunResult.ts';
import { runScenario } from '../../runner/runScenario.ts';
import type { Scenario } from '../../scenario/parseScenarios.ts';
import { transportFor } from '../../transport/chooseTransport.ts';
import type { FleetSplit } from '../FleetSplit.ts';
import { memoryFleet } from './memoryFleet.ts';

/**
 * Runs a scenario as `total` shards in this process — one barrier, one store, in-memory wires
 * for each — as `--fleet-shard` runs it in `total` processes over a broker and PostgreSQL.
 */
export async function runSplit(scenario: Scenario, total: number, options: { seed: number; catalogue: Catalogue; signals?: readonly (AbortSignal | undefined)[] }): Promise<ScenarioResult[]> {
  let shared: Store | undefined;
  // Every shard closes its world's store; the one they share outlives them.
  const kept = (store: Store): Store => ({ ...store, close: async () => {} });
  const transport = transportFor({ mode: 'memory' });
  const results = await Promise.all(memoryFleet(total).map((sync) => {
    const split: FleetSplit = {
      shard: sync.shard,
      sync,
      async openStore(fresh) {
        if (fresh) shared = openSqliteStore({ path: ':memory:' });
        return kept(shared!);
      },
    };
    const signal = options.signals?.[sync.shard.index - 1];
    return runScenario(scenario, { seed: options.seed, realtime: false, catalogue: options.catalogue, transport, split, ...(signal === undefined ? {} : { signal }) });
  }));
  await shared?.close();
  return results;
}
