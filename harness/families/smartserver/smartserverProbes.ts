import type { SmartServer } from '../../../firmware-sim/smartserver/SmartServer.ts';
import type { Appliance } from '../../../firmware-sim/shared/Appliance.ts';
import { countMap } from '../../steps/matchPartial.ts';

/**
 * What `expect` and `wait` can check on a SmartServer. Counts read 0 for what is absent, so
 * `fieldDevices: { provisioned: 50 }` and `fieldDevices: { unlicensed: 0 }` both work.
 */
const ss = (a: Appliance): SmartServer => a as SmartServer;

export const smartserverProbes: Record<string, (a: Appliance) => unknown> = {
  state: (a) => a.snapshot().state,
  /** e.g. `4.0`, `3.2` */
  firmware: (a) => ss(a).snapshot().firmwareVersion,
  /** [SS-1] false before firmware 3.3. */
  licensingRequired: (a) => ss(a).snapshot().licensingRequired,
  /** [SS-3] the saved Customer ID, or null. */
  customerId: (a) => ss(a).snapshot().customerId,
  /** [SS-3] a typed Customer ID awaits Save or Discard. */
  customerIdEdited: (a) => ss(a).snapshot().customerIdEdited,
  /** [SS-4] rows in the Download Licenses from the Cloud view; null until downloaded. */
  downloadList: (a) => ss(a).snapshot().downloadList,
  /** [SS-5] `{ capacity: 100, maintenance: active }` — device capacity in force and maintenance status (none/active/expired/clock-tampered). */
  licenses: (a) => {
    const s = ss(a).snapshot();
    return { capacity: s.capacity, count: s.licenses.length, maintenance: s.maintenance.status };
  },
  /** [SS-5, SS-6] idle, claiming, activating or transferring. */
  activation: (a) => ss(a).snapshot().activation.state,
  /** [TM-1] true while the server clock reads earlier than the latest time it has seen. */
  clockTampered: (a) => ss(a).snapshot().clockTampered !== null,
  /** [SS-7] field devices by colour: `{ unlicensed, unprovisioned, provisioned, total }`. */
  fieldDevices: (a) => countMap({ ...ss(a).snapshot().fieldDevices }),
};
