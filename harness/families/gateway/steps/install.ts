import { licenseRef } from '../../../scenario/fields.ts';
import { fail, ok, type Result } from '../../../../protocol/result.ts';
import type { World } from '../../../runner/World.ts';
import { orderLicense } from '../../../steps/core/orderLicense.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';
import { gatewayModule } from '../../../../license-server/portals/gateway/gatewayModule.ts';

/**
 * `- gateway.install: { devices: gw-002, license: o1.1 }` — [GW-4] an administrator takes the license
 * file the portal issues for a license (for whichever device it is bound to) and adds it on the
 * device's License page. On another device than the bound one this is the GW-2 refusal.
 */
export const install = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.install',
  summary: "Add a license's file, as issued by the portal for its bound device, on the License page.",
  args: { license: licenseRef },
  what: (a) => `add the file of ${a.license} on the License page`,
  run: async (gw, a, world) => {
    const file = await portalFile(world, a.license);
    return file.ok ? gw.page.add(file.value) : file;
  },
});

/** The signed file the portal issues for a license, for the device it is bound to. */
export async function portalFile(world: World, ref: string): Promise<Result<string>> {
  const found = await orderLicense(world, ref);
  if (!found.ok) return found;
  const { id, view: license } = found.value;
  if (!license?.hardwareId) return fail('LICENSE_NOT_BOUND', `license ${ref} is not bound to a device in the portal; bind it first (gateway.portal.bind)`);
  const files = await world.server.portal(gatewayModule).filesForDevice({ hardwareId: license.hardwareId });
  if (!files.ok) return files;
  const file = files.value.find((f) => licenseIdOf(f) === id);
  return file ? ok(file) : fail('NOT_FOUND', `the portal issued no file for ${ref}`);
}

function licenseIdOf(file: string): string | undefined {
  try {
    return (JSON.parse(Buffer.from(file.split('.')[1] ?? '', 'base64url').toString('utf8')) as { licenseId?: string }).licenseId;
  } catch {
    return undefined;
  }
}
