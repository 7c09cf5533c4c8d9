import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../../test/browser/screenshot.ts';
import type { Service } from './createService.ts';
import { licenseOnPortalPage } from './testing/licenseOnPortalPage.ts';
import { SEEN, startBrowserRig, type BrowserRig } from './testing/browserRig.ts';

const SCENARIO = join(import.meta.dirname, '..', '..', 'scenarios', 'gateway', 'move-license.yaml');

describe('the gateway\'s own web page, in Chromium, by clicking and typing only', () => {
  let rig: BrowserRig;
  let browser: Browser;
  let service: Service;
  /** The boot's 30 virtual seconds, skipped through the clock API as the demo's clock controls do. */
  const skipBoot = () => rig.advance('1m');

  beforeAll(async () => {
    rig = await startBrowserRig(SCENARIO);
    ({ browser, service } = rig);
    await skipBoot();
  });
  afterAll(() => rig?.close());

  /** The portal side, on the gateway license portal's page: an order activated there and bound to the gateway's hardware ID. */
  const licensesBoundTo = (deviceId: string, items = [{ featureCode: 'Mobility', count: 5 }, { featureCode: 'Port', count: 2 }]) =>
    licenseOnPortalPage(browser, { service, accountId: `acme-${deviceId}`, deviceId, items });

  // Within the family's page (main): the machine view's transition rows below it name states such as `booting`.
  const row = (page: Page, licenseId: string) => page.getByRole('main').getByRole('row', { name: licenseId });
  const stateBadge = (page: Page) => page.getByRole('status').filter({ hasText: /^(Running|Booting|Off)$/ });

  it('[GW-4][GW-5][GW-6][GW-8][GW-9] signs in, downloads from the portal, reboots, deletes, switches test mode, invalidates, and shows refusals', async () => {
    const [mobility, port] = await licensesBoundTo('gw-001') as [string, string];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${service.httpUrl}/devices/gw-001/`);
    await expect.poll(() => stateBadge(page).textContent(), SEEN).toBe('Running');
    await expect.poll(() => page.getByText('No licenses installed.').isVisible(), SEEN).toBe(true);
    await screenshot(page, 'gateway-license-page-signed-out');

    // Signed out, the portal download is refused beside the button, in the API's words.
    await page.getByRole('button', { name: 'Download from portal' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'License portal' }).getByRole('alert').textContent(), SEEN).toMatch(/^UNAUTHENTICATED: /);

    await page.getByLabel('Administrator token').fill(service.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Signed in as the administrator').isVisible(), SEEN).toBe(true);

    // [GW-6] download from the portal; [GW-5] both are installed but pending until a reset.
    await page.getByRole('button', { name: 'Download from portal' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Downloaded: installed' }).textContent(), SEEN)
      .toContain(`installed ${mobility}, ${port}`);
    await expect.poll(() => row(page, mobility).textContent(), SEEN).toContain('Pending: in force after reset');
    await expect.poll(() => page.getByText(/^Pending until reset:/).textContent(), SEEN).toContain(`${mobility}, ${port} in force after a reboot`);
    await screenshot(page, 'gateway-license-page-pending');

    await page.getByRole('button', { name: 'Reboot' }).click();
    await expect.poll(() => stateBadge(page).textContent(), SEEN).toBe('Booting');
    await skipBoot();
    await expect.poll(() => stateBadge(page).textContent(), SEEN).toBe('Running');
    await expect.poll(() => row(page, mobility).textContent(), SEEN).toContain('In force');
    await expect.poll(() => row(page, port).textContent(), SEEN).toContain('In force');
    expect(await page.getByText(/^Pending until reset:/).count()).toBe(0);
    await screenshot(page, 'gateway-license-page-in-force');

    // [GW-5] a deleted license stays in force until the next reset, and then it is gone.
    await page.getByRole('button', { name: `Delete ${port}` }).click();
    await expect.poll(() => row(page, port).textContent(), SEEN).toContain('Deleted: in force until reset');
    await expect.poll(() => page.getByText(/^Pending until reset:/).textContent(), SEEN).toContain(`${port} removed at the reboot`);
    expect(await row(page, port).getByRole('button').count()).toBe(0);
    await screenshot(page, 'gateway-license-page-deleted');
    await page.getByRole('button', { name: 'Reboot' }).click();
    await expect.poll(() => stateBadge(page).textContent(), SEEN).toBe('Booting');
    await skipBoot();
    await expect.poll(() => stateBadge(page).textContent(), SEEN).toBe('Running');
    await expect.poll(() => row(page, port).count(), SEEN).toBe(0);
    await expect.poll(() => row(page, mobility).textContent(), SEEN).toContain('In force');

    // [GW-9] test mode on, counting down its 8 hours in virtual time.
    const testMode = page.getByRole('switch', { name: 'Test mode' });
    expect(await testMode.getAttribute('aria-checked')).toBe('false');
    await testMode.click();
    await expect.poll(() => testMode.getAttribute('aria-checked'), SEEN).toBe('true');
    await expect.poll(() => page.getByRole('timer').textContent(), SEEN).toMatch(/Test mode on [78] h \d\d min \d\d s left, then the device reboots/);
    await rig.advance('3h');
    await expect.poll(() => page.getByRole('timer').textContent(), SEEN).toMatch(/Test mode on [45] h \d\d min \d\d s left/);
    await screenshot(page, 'gateway-license-page-test-mode');
    await testMode.click();
    await expect.poll(() => page.getByRole('timer').textContent(), SEEN).toBe('Test mode off');

    // [GW-6] a license given back to the portal leaves at the next reset, like a deleted one.
    await page.getByRole('button', { name: `Invalidate at the portal ${mobility}` }).click();
    await expect.poll(() => row(page, mobility).textContent(), SEEN).toContain('Deleted: in force until reset');
    // [GW-8] one test license per device: the second request is refused beside the portal's buttons.
    const portal = page.getByRole('group', { name: 'License portal' });
    await portal.getByRole('button', { name: 'Download test license' }).click();
    await expect.poll(() => portal.getByRole('status').textContent(), SEEN).toMatch(/^Downloaded the test license \S+ .*in force after a reset/);
    await portal.getByRole('button', { name: 'Download test license' }).click();
    await expect.poll(() => portal.getByRole('alert').textContent(), SEEN).toMatch(/^TEST_LICENSE_ALREADY_ISSUED: /);
    await screenshot(page, 'gateway-license-page-portal');

    // A corrupt license file is refused next to the box it was pasted into, in the firmware's words.
    await page.getByLabel('License file').fill('LIC1.this-is-not-a-license');
    await page.getByRole('button', { name: 'Add license' }).click();
    const refusal = page.getByRole('group', { name: 'Add a license' }).getByRole('alert');
    await expect.poll(() => refusal.textContent(), SEEN).toMatch(/^(ENVELOPE_MALFORMED|SIGNATURE_INVALID): /);
    await screenshot(page, 'gateway-license-page-refused-file');
    await page.close();
  }, 120_000);

  it('[GW-7][GW-10] grants PBX users the licenses in force, refusing a grant beyond them in the user\'s row', async () => {
    await licensesBoundTo('gw-002', [{ featureCode: 'Mobility', count: 1 }]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Signed in by a link that carries the token in its fragment; the page keeps it and drops it from the address.
    await page.goto(`${service.httpUrl}/devices/gw-002/#token=${service.token}`);
    await expect.poll(() => page.getByText('Signed in as the administrator').isVisible(), SEEN).toBe(true);
    expect(new URL(page.url()).hash).toBe('');
    await expect.poll(() => stateBadge(page).textContent(), SEEN).toBe('Running');
    await page.getByRole('button', { name: 'Download from portal' }).click();
    await expect.poll(() => page.getByText(/^Pending until reset:/).isVisible(), SEEN).toBe(true);
    await page.getByRole('button', { name: 'Reboot' }).click();
    await expect.poll(() => stateBadge(page).textContent(), SEEN).toBe('Booting');
    await skipBoot();
    await expect.poll(() => stateBadge(page).textContent(), SEEN).toBe('Running');

    for (const name of ['Ann Lee', 'Bo']) {
      await page.getByLabel('User name').fill(name);
      await page.getByRole('button', { name: 'Add user' }).click();
      await expect.poll(() => row(page, name).count(), SEEN).toBe(1);
    }
    await row(page, 'Ann Lee').getByRole('button', { name: 'Grant to Ann Lee' }).click();
    await expect.poll(() => row(page, 'Ann Lee').getByRole('button', { name: 'Revoke Mobility from Ann Lee' }).count(), SEEN).toBe(1);
    // The PBX licenses tab counts the grant against the one Mobility in force.
    await page.getByRole('tab', { name: 'PBX licenses' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'PBX licenses' }).getByRole('row', { name: /Mobility/ }).textContent(), SEEN).toBe('Mobility11');
    await row(page, 'Bo').getByRole('button', { name: 'Grant to Bo' }).click();
    await expect.poll(() => row(page, 'Bo').getByRole('alert').textContent(), SEEN).toMatch(/^LICENSE_LIMIT: .*1 of 1 Mobility already in use/);
    await screenshot(page, 'gateway-pbx-users-grants');
    await row(page, 'Ann Lee').getByRole('button', { name: 'Revoke Mobility from Ann Lee' }).click();
    await row(page, 'Bo').getByRole('button', { name: 'Grant to Bo' }).click();
    await expect.poll(() => row(page, 'Bo').getByRole('button', { name: 'Revoke Mobility from Bo' }).count(), SEEN).toBe(1);
    expect(await row(page, 'Bo').getByRole('alert').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('shows an unknown device as NOT_FOUND, in the API\'s words', async () => {
    const page = await browser.newPage();
    await page.goto(`${service.httpUrl}/devices/gw-999/`);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'NOT_FOUND' }).textContent(), SEEN).toBe('NOT_FOUND: no device gw-999 in this fleet (at deviceId)');
    await screenshot(page, 'device-page-unknown');
    await page.close();
  }, 30_000);
});
