import { z } from 'zod';
import type { SmartServer } from '../../../firmware-sim/smartserver/SmartServer.ts';
import type { Appliance } from '../../../firmware-sim/shared/Appliance.ts';
import { countMap } from '../../steps/matchPartial.ts';
import { probe, type Probe } from '../DeviceFamily.ts';
import { runState } from '../probeValues.ts';

/**
 * What `expect` and `wait` can check on a SmartServer. Counts read 0 for what is absent, so
 * `fieldDevices: { provisioned: 50 }` and `fieldDevices: { unlicensed: 0 }` both work.
 */
const ss = (a: Appliance): SmartServer => a as SmartServer;
const count = z.number().int().min(0);

export const smartserverProbes: Record<string, Probe> = {
  state: probe('The run state: off, booting or running.', runState, (a) => a.snapshot().state),
  firmware: probe("The firmware version, e.g. '4.0' or '3.2' (quoted: YAML reads 4.0 as a number).", z.string().regex(/^\d+\.\d+$/), (a) => ss(a).snapshot().firmwareVersion),
  licensingRequired: probe('[SS-1] Licensing applies: false before firmware 3.3.', z.boolean(), (a) => ss(a).snapshot().licensingRequired),
  customerId: probe('[SS-3] The saved Customer ID, or null.', z.string().min(1).nullable(), (a) => ss(a).snapshot().customerId),
  customerIdEdited: probe('[SS-3] A typed Customer ID awaits Save Changes or Discard Changes.', z.boolean(), (a) => ss(a).snapshot().customerIdEdited),
  downloadList: probe('[SS-4] Rows in the Download Licenses from the Cloud view; null until downloaded since boot.', count.nullable(), (a) => ss(a).snapshot().downloadList),
  licenses: probe(
    '[SS-5] `{ capacity: 100, count: 2, maintenance: active }`: device capacity in force, licenses installed, maintenance none, active or expired.',
    z
      .object({
        capacity: count.describe('Field devices the capacity licenses in force allow.'),
        count: count.describe('Licenses installed.'),
        maintenance: z.enum(['none', 'active', 'expired', 'clock-tampered']).describe('Maintenance: none, active, expired, or clock-tampered while the clock reads earlier than it has before.'),
      })
      .partial()
      .strict(),
    (a) => {
      const s = ss(a).snapshot();
      return { capacity: s.capacity, count: s.licenses.length, maintenance: s.maintenance.status };
    },
  ),
  activation: probe('[SS-5, SS-6] What the cloud activation is doing: idle, claiming, activating or transferring.', z.enum(['idle', 'claiming', 'activating', 'transferring']), (a) =>
    ss(a).snapshot().activation.state,
  ),
  clockTampered: probe('[TM-1] The server\'s clock reads earlier than the latest time it has seen: licenses with an end count for nothing until it passes that time again.', z.boolean(), (a) => ss(a).snapshot().clockTampered !== null),
  fieldDevices: probe(
    '[SS-7] Field devices by colour: `{ unlicensed, unprovisioned, provisioned, total }`.',
    z
      .object({
        unlicensed: count.describe('Purple: beyond the capacity.'),
        unprovisioned: count.describe('Blue: licensed, not provisioned.'),
        provisioned: count.describe('Green: provisioned.'),
        total: count.describe('All field devices.'),
      })
      .partial()
      .strict(),
    (a) => countMap({ ...ss(a).snapshot().fieldDevices }),
  ),
};
