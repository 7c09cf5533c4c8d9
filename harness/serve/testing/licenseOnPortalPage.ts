import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SEEN } from './browserRig.ts';
import { call, mintToken } from './scenarioService.ts';

export interface PortalLicensing {
  /** The running service: its address and the administrator's token. */
  service: { httpUrl: string; token: string };
  deviceId: string;
  items: { featureCode: string; count: number }[];
  /** The customer account the licenses are activated into: one per call, so its unbound licenses are these. */
  accountId: string;
}

/**
 * [GW-1][GW-2] The portal side of licensing a gateway, as a customer does it on the gateway
 * license portal page: the vendor's order desk (no page, so the API) gives an activation key;
 * at the portal the customer signs in, activates it and binds every license not bound yet to
 * the hardware ID read off the gateway's own page. Resolves with the IDs bound, in table order.
 */
export async function licenseOnPortalPage(browser: Browser, options: PortalLicensing): Promise<string[]> {
  const { service, deviceId, items, accountId } = options;
  const order = await call(service, 'POST', '/api/v1/orders', { accountId, items });
  expect(order.status).toBe(201);
  const token = await mintToken(service, 'olive', ['Customer'], accountId);

  const page: Page = await browser.newPage();
  try {
    await page.goto(`${service.httpUrl}/devices/${deviceId}/`);
    await expect.poll(() => page.getByText(/^Hardware ID: \S+$/).count(), SEEN).toBe(1);
    const hardwareId = (await page.getByText(/^Hardware ID: /).textContent())!.replace('Hardware ID: ', '');

    await page.goto(`${service.httpUrl}/portal/gateway/`);
    await page.getByLabel('Portal user token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const activation = page.getByRole('region', { name: 'Activate licenses' });
    await activation.getByLabel('Activation key').fill(order.body.activationKey as string);
    await activation.getByRole('button', { name: 'Activate' }).click();
    await expect.poll(() => activation.getByRole('status').textContent(), SEEN).toMatch(/^Activated /);

    const unbound = page.getByRole('table', { name: 'Licenses' }).getByRole('row').filter({ hasText: 'Not bound' });
    await expect.poll(() => unbound.count(), SEEN).toBe(items.length);
    const ids: string[] = [];
    for (let i = 0; i < items.length; i += 1) {
      const row = unbound.first();
      const id = (await row.getByRole('cell').first().textContent())!;
      await row.getByLabel(`Hardware ID for ${id}`).fill(hardwareId);
      await row.getByRole('button', { name: `Bind ${id}` }).click();
      await expect.poll(() => page.getByRole('row', { name: id }).textContent(), SEEN).toContain(`Bound ${hardwareId}`);
      ids.push(id);
    }
    return ids;
  } finally {
    await page.close();
  }
}
