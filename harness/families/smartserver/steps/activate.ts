import { z } from 'zod';
import { devices, duration, errorCode, licenseRef } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome, expectationFailed, forEachDevice } from '../../../steps/outcome.ts';
import { fail, ok, type Result } from '../../../../protocol/result.ts';
import type { SmartServer } from '../../../../firmware-sim/smartserver/SmartServer.ts';
import type { DeviceHandle, World } from '../../../runner/World.ts';
import { licenseIds } from '../../../steps/licenseRefs.ts';
import { selectFamily } from '../../../steps/selectFamily.ts';
import { smartserverDevices } from '../smartserverDevices.ts';

const selection = z.union([z.literal('all'), z.array(licenseRef).min(1)]);

/**
 * [SS-5] ACTIVATE on the Download Licenses from the Cloud view.
 * `- smartserver.activate: { devices: ss-001, licenses: [fleet.1, fleet.2] }` activates those licenses;
 * `licenses: all` downloads the list and selects every row;
 * `- smartserver.activate: { plan: { ss-001: [fleet.1], ss-002: [fleet.2] } }` gives each server its own.
 * The servers activate at once; the step then waits (`within`, 10m by default) until every
 * activation has completed. `wait: false` leaves them under way, to show what is refused meanwhile.
 */
export const activate = defineStep({
  kind: 'smartserver.activate',
  summary: 'Activate selected licenses from the cloud (`licenses: [o1.1] | all`, or a per-server `plan`); waits until the activations complete unless `wait: false`.',
  args: z.object({
    devices: devices.optional(),
    licenses: selection.optional().describe('The licenses to activate on the selected servers: ORDER.N references, or all.'),
    plan: z.record(z.string(), selection).optional().describe('Per server: server ID → the licenses it activates (instead of devices and licenses).'),
    wait: z.boolean().default(true).describe('Wait until the activations complete. Default true.'),
    within: duration.default(10 * 60_000).describe('How long to wait at most. Default 10m.'),
    expectError: errorCode.optional(),
  }).strict().refine((a) => (a.plan === undefined) === (a.devices !== undefined && a.licenses !== undefined), {
    message: 'give either devices and licenses, or a plan',
  }),
  async run(world, args) {
    const planned = await plan(world, args);
    if (!planned.ok) return planned;
    const started = await forEachDevice(planned.value, async ({ device, refs }) => {
      const server = device.appliance as SmartServer;
      const ids = refs === 'all' ? await downloadAll(server) : licenseIds(world, refs);
      if (!ids.ok) return expectOutcome(ids, args.expectError, `${device.id}: activate licenses`, device.id);
      const result = await server.cloud.activate(ids.value);
      if (result.ok) world.record('log', `activating ${ids.value.length} license(s) until ${new Date(result.value.completesAt).toISOString()}`, device.id);
      return expectOutcome(result, args.expectError, `${device.id}: activate ${refs === 'all' ? 'all listed licenses' : refs.join(', ')}`, device.id);
    });
    if (!started.ok || !args.wait || args.expectError !== undefined) return started;
    const servers = planned.value.map((p) => p.device.appliance as SmartServer);
    const done = await world.time.advanceUntil(() => servers.every((s) => s.snapshot().activation.state === 'idle'), args.within);
    if (!done) return expectationFailed(`activations still under way after ${args.within / 60_000} minutes`);
    for (const { device } of planned.value) {
      const last = (device.appliance as SmartServer).snapshot().activation.last;
      if (last?.error) return fail(last.error.code, `${device.id}: the activation of ${last.licenseIds.join(', ')} failed: ${last.error.message}`);
    }
    return ok(planned.value.length);
  },
});

type Selection = 'all' | string[];

interface Planned {
  id: string;
  device: DeviceHandle;
  refs: Selection;
}

async function plan(world: World, args: { devices?: string | string[]; licenses?: Selection; plan?: Record<string, Selection> }): Promise<Result<Planned[]>> {
  if (args.plan === undefined) {
    const chosen = selectFamily(world, args.devices!, smartserverDevices);
    return chosen.ok ? ok(chosen.value.map((device) => ({ id: device.id, device, refs: args.licenses! }))) : chosen;
  }
  const out: Planned[] = [];
  for (const [id, refs] of Object.entries(args.plan)) {
    const chosen = selectFamily(world, id, smartserverDevices);
    if (!chosen.ok) return chosen;
    if (chosen.value.length !== 1) return fail('BAD_REQUEST', `plan entry '${id}' must name one server, not ${chosen.value.length}`);
    out.push({ id: chosen.value[0]!.id, device: chosen.value[0]!, refs });
  }
  return ok(out);
}

async function downloadAll(server: SmartServer): Promise<Result<string[]>> {
  const rows = await server.cloud.download();
  if (!rows.ok) return rows;
  if (rows.value.length === 0) return fail('NOTHING_TO_ACTIVATE', `the download list of ${server.deviceId} is empty`);
  return ok(rows.value.map((r) => r.licenseId));
}
