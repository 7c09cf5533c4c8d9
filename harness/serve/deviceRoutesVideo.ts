import { z } from 'zod';
import { configurationSchema } from '../../firmware-sim/video/licensesPage.ts';
import type { VideoPlatform } from '../../firmware-sim/video/VideoPlatform.ts';
import { familyActions, type DevicePageFamily } from './devicePageFamily.ts';

const action = familyActions<VideoPlatform>();

/**
 * [CL-1, CL-3, CL-4, CL-5, CL-7] The Clariti product's Licenses page (Admin > Server > Licenses
 * on a Core, Licenses on a Manager) over the device API: the page's settings and the
 * entitlements in effect, and its buttons, each a call of the firmware's LicensesPage exactly as
 * the `video.*` scenario steps and the serial console make it.
 */
export const videoDevicePage: DevicePageFamily = {
  view(appliance) {
    const video = appliance as VideoPlatform;
    const page = video.licenses.view();
    // Null while the product is off or booting: the snapshot says which.
    return { licenses: page.ok ? page.value : null };
  },
  actions: {
    // Update Configuration, and the Access token field's Update; the firmware's own schema.
    'configure': action(configurationSchema, (video, b) => video.licenses.configure(b)),
    'update-license': action(z.object({}).strict(), (video) => video.licenses.updateLicense()),
    // License Product: shows (and keeps in NVRAM) the request code awaiting its response.
    'license-product': action(z.object({}).strict(), (video) => video.licenses.licenseProduct()),
    'install-response': action(z.object({ responseCode: z.string().max(20_000) }).strict(), (video, b) => video.licenses.processResponseCode(b.responseCode)),
    // The calls the product carries, bounded by CLARITI-PORTS, so installed entitlements visibly bite.
    'calls': action(z.object({ count: z.number().int().min(0).max(10_000) }).strict(), (video, b) => video.conferencing.setActiveCalls(b.count)),
  },
};
