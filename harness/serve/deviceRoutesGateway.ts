import { z } from 'zod';
import type { Gateway } from '../../firmware-sim/gateway/Gateway.ts';
import { familyActions, orNull, type DevicePageFamily } from './devicePageFamily.ts';

const licenseId = z.string().min(1).max(200);
const text = z.string().max(200);

const action = familyActions<Gateway>();

/**
 * [GW-4, GW-5, GW-6, GW-8, GW-9] The gateway's General / License page over the device API: the
 * License page's rows, the Gateway and PBX license tabs, the PBX users and config templates [GW-7],
 * and the page's actions,
 * each a call of the gateway's own API exactly as the console's commands are.
 */
export const gatewayDevicePage: DevicePageFamily = {
  view(appliance) {
    const gateway = appliance as Gateway;
    return {
      licenses: orNull(gateway.page.list()),
      diagnostics: orNull(gateway.diagnostics()),
      users: orNull(gateway.pbx.users()),
      templates: orNull(gateway.pbx.templates()),
    };
  },
  actions: {
    'add-license': action(z.object({ fileText: z.string().max(100_000) }).strict(), (gw, b) => gw.page.add(b.fileText)),
    'delete-license': action(z.object({ licenseId }).strict(), (gw, b) => gw.page.delete(b.licenseId)),
    'portal-download': action(z.object({}).strict(), (gw) => gw.portal.download()),
    'portal-test-license': action(z.object({}).strict(), (gw) => gw.portal.downloadTestLicense()),
    'portal-invalidate': action(z.object({ licenseIds: z.array(licenseId).min(1).max(100) }).strict(), (gw, b) => gw.portal.invalidate(b.licenseIds)),
    'test-mode': action(z.object({ on: z.boolean() }).strict(), (gw, b) => (b.on ? gw.testMode.on() : gw.testMode.off())),
    // [GW-7] PBX users and their licenses; the firmware checks names and feature codes itself.
    'add-user': action(z.object({ name: text }).strict(), (gw, b) => gw.pbx.addUser(b.name)),
    'remove-user': action(z.object({ name: text }).strict(), (gw, b) => gw.pbx.removeUser(b.name)),
    'grant': action(z.object({ user: text, featureCode: text }).strict(), (gw, b) => gw.pbx.grant(b.user, b.featureCode)),
    'revoke': action(z.object({ user: text, featureCode: text }).strict(), (gw, b) => gw.pbx.revoke(b.user, b.featureCode)),
    // [GW-7] config templates: license settings for a group of users at once, all or nothing.
    'define-template': action(z.object({ name: text, features: z.array(text).max(100) }).strict(), (gw, b) => gw.pbx.defineTemplate(b.name, { features: b.features })),
    'apply-template': action(z.object({ template: text, users: z.array(text).max(1000) }).strict(), (gw, b) => gw.pbx.applyTemplate(b.template, b.users)),
  },
};
