import type { Gateway } from '../../../firmware-sim/gateway/Gateway.ts';
import type { Appliance } from '../../../firmware-sim/shared/Appliance.ts';

/**
 * What `expect` and `wait` can check on a gateway. Count maps list every feature the device
 * knows of, with 0 for none in force, so `licenses: { Mobility: 0 }` is a valid expectation.
 */
const gw = (a: Appliance): Gateway => a as Gateway;

function sumByFeature(rows: readonly { featureCode: string; count: number }[], known: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const code of known) out[code] = 0;
  for (const row of rows) out[row.featureCode] = (out[row.featureCode] ?? 0) + row.count;
  return out;
}

function knownFeatures(g: Gateway): Set<string> {
  const rows = g.page.list();
  return new Set([...g.snapshot().licenses.map((l) => l.featureCode), ...(rows.ok ? rows.value.map((r) => r.featureCode) : [])]);
}

export const gatewayProbes: Record<string, (a: Appliance) => unknown> = {
  state: (a) => a.snapshot().state,
  /** [GW-5] installed licenses differ from those in force until a reset. */
  pendingReset: (a) => a.snapshot().pendingReset,
  /** Feature → amount in force now (active licenses loaded at the last boot). */
  licenses: (a) => sumByFeature(gw(a).snapshot().licenses.filter((l) => l.status === 'active'), knownFeatures(gw(a))),
  /** Feature → amount installed in NVRAM, in force or not. */
  installed: (a) => {
    const rows = gw(a).page.list();
    return rows.ok ? sumByFeature(rows.value.filter((r) => r.pending !== 'removal'), knownFeatures(gw(a))) : rows.error.code;
  },
  /** Feature → how many are in use (granted users, or channels for Port). */
  inUse: (a) => {
    const d = gw(a).diagnostics();
    return d.ok ? Object.fromEntries([...d.value.gateway, ...d.value.pbx].map((u) => [u.featureCode, u.inUse])) : d.error.code;
  },
  testMode: (a) => gw(a).snapshot().testMode.on,
  /** Licenses on the device by kind and status, e.g. `{ test: expired }`. */
  testLicense: (a) => gw(a).snapshot().licenses.find((l) => l.kind === 'test')?.status ?? 'none',
  users: (a) => {
    const users = gw(a).pbx.users();
    return users.ok ? Object.fromEntries(users.value.map((u) => [u.name, [...u.features]])) : users.error.code;
  },
};
