import type { ScenarioResult, TraceEvent } from '../../report/RunResult.ts';

/**
 * What a scenario did to each device, from the traces of one run or of every shard of a split
 * one: per device, the events of the device itself (its states and link frames) and, apart,
 * what the portal did to it — the two come from different shards of a split fleet, so their
 * relative order is not part of the comparison. Keyed `gw-001 device` and `gw-001 portal`.
 */
export function perDeviceResults(traces: readonly (readonly TraceEvent[])[]): Map<string, string[]> {
  const results = new Map<string, string[]>();
  for (const trace of traces) {
    for (const e of trace) {
      if (e.device === undefined) continue;
      const key = `${e.device} ${e.kind === 'portal' ? 'portal' : 'device'}`;
      let events = results.get(key);
      if (events === undefined) results.set(key, (events = []));
      events.push(`${e.t} ${e.kind} ${e.text}${e.data === undefined ? '' : ` ${JSON.stringify(e.data)}`}`);
    }
  }
  return new Map([...results].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The devices whose events a result's trace holds. */
export function devicesIn(result: Pick<ScenarioResult, 'trace'>): Set<string> {
  return new Set(result.trace.flatMap((e) => (e.device === undefined || e.kind === 'portal' ? [] : [e.device])));
}
