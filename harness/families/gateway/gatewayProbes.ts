import { z } from 'zod';
import type { Gateway } from '../../../firmware-sim/gateway/Gateway.ts';
import type { Appliance } from '../../../firmware-sim/shared/Appliance.ts';
import { countMap } from '../../steps/matchPartial.ts';
import { probe, type Probe } from '../DeviceFamily.ts';
import { featureCounts, orErrorCode, runState } from '../probeValues.ts';

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

export const gatewayProbes: Record<string, Probe> = {
  state: probe('The run state: off, booting or running.', runState, (a) => a.snapshot().state),
  pendingReset: probe('[GW-5] Installed licenses differ from those in force until the next reset.', z.boolean(), (a) => gw(a).snapshot().pendingReset),
  licenses: probe('Feature → amount in force now: the active licenses loaded at the last boot.', featureCounts, (a) =>
    sumByFeature(gw(a).snapshot().licenses.filter((l) => l.status === 'active')),
  ),
  installed: probe('Feature → amount installed in NVRAM, in force or not (a removal awaiting reset not counted).', orErrorCode(featureCounts), (a) => {
    const rows = gw(a).page.list();
    return rows.ok ? sumByFeature(rows.value.filter((r) => r.pending !== 'removal')) : rows.error.code;
  }),
  inUse: probe('Feature → how many are in use: granted users, or channels for Port.', orErrorCode(featureCounts), (a) => {
    const d = gw(a).diagnostics();
    return d.ok ? countMap(Object.fromEntries([...d.value.gateway, ...d.value.pbx].map((u) => [u.featureCode, u.inUse]))) : d.error.code;
  }),
  testMode: probe('[GW-9] Test mode is on.', z.boolean(), (a) => gw(a).snapshot().testMode.on),
  clockTampered: probe('[TM-1] The device\'s clock reads earlier than the latest time it has seen: licenses with an end count for nothing until it passes that time again.', z.boolean(), (a) => gw(a).snapshot().clockTampered !== null),
  testLicense: probe('[GW-8] The test license: active, expired, not-yet-valid or clock-tampered, or none before its download.', z.enum(['active', 'expired', 'not-yet-valid', 'clock-tampered', 'none']), (a) =>
    gw(a).snapshot().licenses.find((l) => l.kind === 'test')?.status ?? 'none',
  ),
  users: probe('[GW-6] PBX user → the features granted to them, e.g. `{ alice: [Mobility] }`.', orErrorCode(z.record(z.string().min(1), z.array(z.string().min(1)))), (a) => {
    const users = gw(a).pbx.users();
    return users.ok ? Object.fromEntries(users.value.map((u) => [u.name, [...u.features]])) : users.error.code;
  }),
};
