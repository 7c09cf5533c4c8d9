import { z } from 'zod';
import { featureCode, name } from '../../../scenario/fields.ts';
import { ok, type Result } from '../../../../protocol/result.ts';
import { deviceOp } from '../../../steps/deviceOp.ts';
import { gatewayDevices } from '../gatewayDevices.ts';

const users = z.array(z.string().min(1).max(64)).min(1);

/** Runs an operation per user, stopping at the first failure. */
function eachUser(list: readonly string[], op: (user: string) => Result<unknown>): Result<unknown> {
  for (const user of list) {
    const result = op(user);
    if (!result.ok) return result;
  }
  return ok(list.length);
}

/** [GW-7] PBX user objects and their license grants. */
export const addUsers = deviceOp({
  family: gatewayDevices,
  kind: 'gw.addUsers',
  summary: 'Create PBX user objects.',
  args: { users },
  what: (a) => `add PBX users ${a.users.join(', ')}`,
  run: (gw, a) => eachUser(a.users, (u) => gw.pbx.addUser(u)),
});

export const grant = deviceOp({
  family: gatewayDevices,
  kind: 'gw.grant',
  summary: 'Grant users a per-user PBX license (e.g. Mobility); refused beyond the installed amount.',
  args: { users, feature: featureCode },
  what: (a) => `grant ${a.feature} to ${a.users.join(', ')}`,
  run: (gw, a) => eachUser(a.users, (u) => gw.pbx.grant(u, a.feature)),
});

export const revoke = deviceOp({
  family: gatewayDevices,
  kind: 'gw.revoke',
  summary: "Take a per-user PBX license back from users.",
  args: { users, feature: featureCode },
  what: (a) => `revoke ${a.feature} from ${a.users.join(', ')}`,
  run: (gw, a) => eachUser(a.users, (u) => gw.pbx.revoke(u, a.feature)),
});

export const defineTemplate = deviceOp({
  family: gatewayDevices,
  kind: 'gw.template',
  summary: 'Define a config template that grants a set of PBX licenses.',
  args: { name, features: z.array(featureCode).min(1) },
  what: (a) => `define template ${a.name}`,
  run: (gw, a) => gw.pbx.defineTemplate(a.name, { features: a.features }),
});

export const applyTemplate = deviceOp({
  family: gatewayDevices,
  kind: 'gw.applyTemplate',
  summary: "Apply a config template to a group of users: all of its grants, or none if any would exceed.",
  args: { template: name, users },
  what: (a) => `apply template ${a.template} to ${a.users.join(', ')}`,
  run: (gw, a) => gw.pbx.applyTemplate(a.template, a.users),
});

export const channels = deviceOp({
  family: gatewayDevices,
  kind: 'gw.channels',
  summary: 'Set how many gateway channels are in use (bounded by Port licenses).',
  args: { inUse: z.number().int().nonnegative() },
  what: (a) => `put ${a.inUse} channel(s) in use`,
  run: (gw, a) => gw.gateway.setChannelsInUse(a.inUse),
});
