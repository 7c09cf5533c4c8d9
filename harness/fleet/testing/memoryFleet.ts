import type { FleetSync } from '../fleetSync.ts';

/**
 * The barrier of `total` shards that live in one process: what a test of the split runner needs
 * without a broker. Reports pass on the next microtask, as over a broker they pass later.
 */
export function memoryFleet(total: number): FleetSync[] {
  const phases = new Map<number, { reports: unknown[]; arrived: number; resolvers: ((all: unknown[]) => void)[] }>();
  const closed = new Set<number>();
  return Array.from({ length: total }, (_, i): FleetSync => {
    let phase = 0;
    return {
      shard: { index: i + 1, total },
      meet<T>(report: T): Promise<T[]> {
        if (closed.size > 0) return Promise.reject(new Error(`shard ${[...closed][0]}/${total} left the run`));
        const p = ++phase;
        let at = phases.get(p);
        if (at === undefined) phases.set(p, (at = { reports: [], arrived: 0, resolvers: [] }));
        at.reports[i] = structuredClone(report);
        at.arrived++;
        const done = new Promise<T[]>((resolve) => at.resolvers.push(resolve as (all: unknown[]) => void));
        if (at.arrived === total) {
          phases.delete(p);
          const all = at.reports;
          queueMicrotask(() => at.resolvers.forEach((resolve) => resolve(all)));
        }
        return done;
      },
      async close() {
        closed.add(i + 1);
      },
    };
  });
}
