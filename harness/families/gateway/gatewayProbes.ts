import type { Gateway } from '../../../firmware-sim/gateway/Gateway.ts';
import type { Appliance } from '../../../firmware-sim/shared/Appliance.ts';
import { countMap } from '../../steps/matchPartial.ts';

/**
 * What `expect` and `wait` can check on a gateway. Count maps read 0 for a feature the device
 * has none of, so `licenses: { Mobility: 0 }` is a valid expectation.
 */
const gw = (a: Appliance): Gateway => a as Gateway;

function sumByFeature(rows: readonly { featureCode: string; count: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) out[row.featureCode] = (out[row.featureCode] ?? 0) + row.count;
  return countMap(out);
}

export const gatewayProbes: Record<string, (a: Appliance) => unknown> = {
  state: (a) => a.snapshot().state,
  /** [GW-5] installed licenses differ from those in force until a reset. */
  pendingReset: (a) => gw(a).snapshot().pendingReset,
  /** Feature → amount in force now (active licenses loaded at the last boot). */
  licenses: (a) => sumByFeature(gw(a).snapshot().licenses.filter((l) => l.status === 'active')),
  /** Feature → amount installed in NVRAM, in force or not. */
  installed: (a) => {
    const rows = gw(a).page.list();
    return rows.ok ? sumByFeature(rows.value.filter((r) => r.pending !== 'removal')) : rows.error.code;
  },
  /** Feature → how many are in use (granted users, or channels for Port). */
  inUse: (a) => {
    const d = gw(a).diagnostics();
    return d.ok ? countMap(Object.fromEntries([...d.value.gateway, ...d.value.pbx].map((u) => [u.featureCode, u.inUse]))) : d.error.code;
  },
  testMode: (a) => gw(a).snapshot().testMode.on,
  /** [TM-1] true while the device clock reads earlier than the latest time it has seen. */
  clockTampered: (a) => gw(a).snapshot().clockTampered !== null,
  /** Licenses on the device by kind and status, e.g. `{ test: expired }`. */
  testLicense: (a) => gw(a).snapshot().licenses.find((l) => l.kind === 'test')?.status ?? 'none',
  users: (a) => {
    const users = gw(a).pbx.users();
    return users.ok ? Object.fromEntries(users.value.map((u) => [u.name, [...u.features]])) : users.error.code;
  },
};
