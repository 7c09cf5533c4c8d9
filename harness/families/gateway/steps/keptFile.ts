import { z } from 'zod';
import { licenseRef, name } from '../../../scenario/fields.ts';
import { fail } from '../../../../protocol/result.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';
import { portalFile } from './install.ts';

/**
 * [TM-2] An older license file held back: someone downloads a file for a license from the
 * portal and keeps it, never installing it, to add it after a newer file was deleted (as after
 * a move or an invalidation). The device must refuse it as superseded.
 */
const keptKey = (keep: string): string => `gateway.keptFile.${keep}`;

/** `- gateway.portal.keepFile: { license: o1.1, keep: old }` — takes a file from the portal and keeps it under a name. */
export const keepFile = defineStep({
  kind: 'gateway.portal.keepFile',
  split: 'portal',
  summary: 'Take the license file the portal issues for a license (for its bound device) and keep it under a name, without installing it (TM-2).',
  args: z.object({ license: licenseRef, keep: name.describe('The name to keep the file under, for gateway.installKept.') }).strict(),
  async run(world, { license, keep }) {
    const file = await portalFile(world, license);
    if (!file.ok) return file;
    world.vars.set(keptKey(keep), file.value);
    return { ok: true, value: keep };
  },
});

/** `- gateway.installKept: { devices: gw-001, file: old }` — adds a kept file on the License page. */
export const installKept = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.installKept',
  summary: 'Add a license file kept by gateway.portal.keepFile on the License page.',
  args: { file: name.describe('The name gateway.portal.keepFile kept the file under.') },
  what: (a) => `add the kept file ${a.file} on the License page`,
  run: (gw, a, world) => {
    const file = world.vars.get(keptKey(a.file));
    return typeof file === 'string' ? gw.page.add(file) : fail('NOT_FOUND', `no file kept as '${a.file}'; keep one first (gateway.portal.keepFile)`);
  },
});
