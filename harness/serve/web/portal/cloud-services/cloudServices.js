// [PC-1 … PC-8] The Poly Cloud Services portal of the audio family, after the vendor's License
// Management page: Administration > Licenses (the counts, every license with every field,
// Expiring Shortly rows in red, Activate New License, Renew), the managed audio devices with the
// provisioning token they enrol with, and the account's users and their roles. Each section
// reads and acts only through /api/v1/audio/accounts/<account>/…, as the signed-in portal user;
// a user without the section's role sees the API's refusal in its place.

import { startPortal } from '/portal/portalShell.js';
import { licensesSection } from './licensesSection.js';
import { devicesSection } from './devicesSection.js';
import { usersSection } from './usersSection.js';

startPortal({
  title: 'Poly Cloud Services',
  mount(root, ctx) {
    const base = `/audio/accounts/${encodeURIComponent(ctx.accountId)}`;
    const api = {
      base,
      get: (path) => ctx.get(`${base}${path}`),
      post: (path, body) => ctx.post(`${base}${path}`, body),
      put: (path, body) => ctx.put(`${base}${path}`, body),
    };
    const sections = [licensesSection(ctx, api), devicesSection(ctx, api), usersSection(ctx, api)];
    root.replaceChildren(
      ctx.el('nav', { 'aria-label': 'Breadcrumb', class: 'breadcrumb' }, 'Administration > Licenses'),
      ...sections.map((s) => s.element));
    return async () => {
      // The summary feeds both the Licenses counts and the Managed Device usage beside the devices.
      const [summary, licenses, devices, users] = await Promise.all([
        api.get('/licenses/summary'), api.get('/licenses'), api.get('/devices'), api.get('/users'),
      ]);
      const reads = { summary, licenses, devices, users };
      for (const section of sections) section.render(reads);
    };
  },
});
