import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../../test/browser/screenshot.ts';
import type { Service } from './createService.ts';
import { licenseOnPortalPage } from './testing/licenseOnPortalPage.ts';
import { SEEN, startBrowserRig, type BrowserRig } from './testing/browserRig.ts';
import { mintToken } from './testing/scenarioService.ts';

const SCENARIO = join(import.meta.dirname, '..', '..', 'scenarios', 'gateway', 'move-license.yaml');
const VIEWPORT = { width: 1280, height: 900 };

/** One character of the key changed, as a customer mistypes it. */
const mistyped = (key: string) => key.replace(/[A-Z0-9](?=[^A-Z0-9]*$)/, (c) => (c === '7' ? '8' : '7'));

describe('the gateway license portal and the gateways\' own pages, in Chromium, by clicking and typing only', () => {
  let browser: Browser;
  let service: Service;
  let context: BrowserContext;
  let rig: BrowserRig;
  const api = (method: string, path: string, body?: unknown) => rig.api(method, path, body);
  /** The boot's 30 virtual seconds, skipped through the clock API as the demo's clock controls do. */
  const skipBoot = () => rig.advance('1m');

  beforeAll(async () => {
    rig = await startBrowserRig(SCENARIO, { seed: 11 });
    ({ browser, service } = rig);
    await skipBoot();
    // One browser for the customer at the portal and the administrator at the gateways, who copies between them.
    context = await browser.newContext({ viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] });
  });
  afterAll(async () => {
    await context?.close();
    await rig?.close();
  });

  const stateBadge = (page: Page) => page.getByRole('status').filter({ hasText: /^(Running|Booting|Off)$/ });
  const deviceRow = (page: Page, name: string) => page.getByRole('row', { name, exact: true });

  async function openGateway(deviceId: string): Promise<{ page: Page; hardwareId: string }> {
    const page = await context.newPage();
    await page.goto(`${service.httpUrl}/devices/${deviceId}/#token=${service.token}`);
    await expect.poll(() => stateBadge(page).textContent(), SEEN).toBe('Running');
    const hardwareId = (await page.getByText(/^Hardware ID: /).textContent())!.replace('Hardware ID: ', '');
    expect(hardwareId).toMatch(/^\S+$/);
    return { page, hardwareId };
  }
  async function reboot(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Reboot' }).click();
    await expect.poll(() => stateBadge(page).textContent(), SEEN).toBe('Booting');
    await skipBoot();
    await expect.poll(() => stateBadge(page).textContent(), SEEN).toBe('Running');
  }
  /** Clicks the License page's Download from portal and waits for its outcome to say `expected`. */
  async function downloadFromPortal(page: Page, expected: string): Promise<void> {
    const group = page.getByRole('group', { name: 'License portal' });
    await group.getByRole('button', { name: 'Download from portal' }).click();
    await expect.poll(() => group.getByRole('status').textContent(), SEEN).toMatch(/^Downloaded: /);
    await expect.poll(() => group.getByRole('status').textContent(), SEEN).toContain(expected);
  }

  it('[GW-1][GW-2][GW-3][GW-4][GW-5][GW-6] activates a key, binds its licenses to a gateway, moves one to another and pastes its file there', async () => {
    // What no page offers: the vendor's order desk takes the order, the administrator mints the customer's token.
    const order = await api('POST', '/api/v1/orders', { accountId: 'acme', items: [{ featureCode: 'Mobility', count: 2 }, { featureCode: 'Port', count: 4 }] });
    const activationKey = order.body.activationKey as string;
    const token = await mintToken(service, 'olive', ['Customer'], 'acme');

    const portal = await context.newPage();
    await portal.goto(`${service.httpUrl}/portal/gateway/`);
    await portal.getByLabel('Portal user token').fill(token);
    await portal.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => portal.getByText('Signed in as olive (Customer), account acme').isVisible(), SEEN).toBe(true);
    await expect.poll(() => portal.getByText('No licenses yet: activate an activation key.').isVisible(), SEEN).toBe(true);

    // [GW-1] a mistyped key is refused beside the form, naming where; the right one activates the order.
    const activation = portal.getByRole('region', { name: 'Activate licenses' });
    await activation.getByLabel('Activation key').fill(mistyped(activationKey));
    await activation.getByRole('button', { name: 'Activate' }).click();
    await expect.poll(() => activation.getByRole('alert').textContent(), SEEN).toMatch(/^CODE_INVALID: .+ \(at position \d+\)$/);
    await activation.getByLabel('Activation key').fill(activationKey.toLowerCase());
    await activation.getByRole('button', { name: 'Activate' }).click();
    await expect.poll(() => activation.getByRole('status').textContent(), SEEN).toMatch(/^Activated 2 license\(s\): Mobility ×2, Port ×4\./);
    expect(await activation.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);

    const licenses = portal.getByRole('table', { name: 'Licenses' });
    const licenseRow = (feature: string) => licenses.getByRole('row').filter({ hasText: feature });
    await expect.poll(() => licenseRow('Mobility').textContent(), SEEN).toContain('Not bound');
    const idOf = async (feature: string) => (await licenseRow(feature).getByRole('cell').first().textContent())!;
    const [mobility, port] = [await idOf('Mobility'), await idOf('Port')];

    // The hardware ID as the gateway's own General / License page shows it.
    const gw1 = await openGateway('gw-001');
    const gw2 = await openGateway('gw-002');

    // [GW-2] bind both to gw-001; a hardware ID typed with a space is refused in the row, in the API's words.
    const bindBox = (id: string) => licenses.getByLabel(`Hardware ID for ${id}`);
    await bindBox(mobility).fill(`${gw1.hardwareId.slice(0, 4)} ${gw1.hardwareId.slice(4)}`);
    await licenses.getByRole('button', { name: `Bind ${mobility}` }).click();
    await expect.poll(() => licenseRow('Mobility').getByRole('alert').textContent(), SEEN).toMatch(/^BAD_REQUEST: .*\(at hardwareId\)$/);
    for (const id of [mobility, port]) {
      await bindBox(id).fill(gw1.hardwareId);
      await licenses.getByRole('button', { name: `Bind ${id}` }).click();
    }
    await expect.poll(() => licenseRow('Mobility').textContent(), SEEN).toContain(`Bound ${gw1.hardwareId}`);
    await expect.poll(() => licenseRow('Port').textContent(), SEEN).toContain(`Bound ${gw1.hardwareId}`);
    expect(await licenseRow('Mobility').getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);

    // [GW-6] the gateway downloads them itself; [GW-5] they are in force after its reset.
    await downloadFromPortal(gw1.page, `installed ${mobility}, ${port}`);
    await expect.poll(() => deviceRow(gw1.page, port).textContent(), SEEN).toContain('Pending: in force after reset');
    await reboot(gw1.page);
    await expect.poll(() => deviceRow(gw1.page, mobility).textContent(), SEEN).toContain('In force');
    await expect.poll(() => deviceRow(gw1.page, port).textContent(), SEEN).toContain('In force');
    await screenshot(gw1.page, 'gateway-page');

    // [GW-3] move Port to gw-002 as if gw-001 were defective; a malformed hardware ID is refused in the dialog first.
    await licenses.getByRole('button', { name: `Move ${port}` }).click();
    const dialog = portal.getByRole('dialog', { name: `Move license ${port}` });
    await expect.poll(() => dialog.isVisible(), SEEN).toBe(true);
    await dialog.getByLabel('New hardware ID').fill('gw 002');
    await dialog.getByLabel('Reason').fill('device defective');
    await dialog.getByRole('button', { name: 'Move license' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), SEEN).toMatch(/^BAD_REQUEST: .*\(at toHardwareId\)$/);
    await dialog.getByLabel('New hardware ID').fill(gw2.hardwareId);
    await dialog.getByRole('button', { name: 'Move license' }).click();
    await expect.poll(() => dialog.isVisible(), SEEN).toBe(false);
    await expect.poll(() => portal.getByRole('status').filter({ hasText: /^Moved / }).textContent(), SEEN)
      .toContain(`Moved ${port} (Port ×4) from ${gw1.hardwareId} to ${gw2.hardwareId}.`);
    await expect.poll(() => licenseRow('Port').textContent(), SEEN).toContain(`Bound ${gw2.hardwareId}`);

    // The old device's copy is no longer valid: at its next download it drops Port, at its reset Port leaves.
    await downloadFromPortal(gw1.page, `removed ${port}`);
    await expect.poll(() => deviceRow(gw1.page, port).textContent(), SEEN).toContain('Deleted: in force until reset');
    await reboot(gw1.page);
    await expect.poll(() => deviceRow(gw1.page, port).count(), SEEN).toBe(0);
    await expect.poll(() => deviceRow(gw1.page, mobility).textContent(), SEEN).toContain('In force');

    // [GW-4] the file for gw-002, copied from the portal and pasted on the License page.
    const files = portal.getByRole('region', { name: 'License files for a device' });
    await files.getByLabel('Hardware ID').fill(gw2.hardwareId);
    await files.getByRole('button', { name: 'Show license files' }).click();
    const card = files.getByRole('group', { name: `Port ×4, license ${port}` });
    await expect.poll(() => card.isVisible(), SEEN).toBe(true);
    await card.getByRole('button', { name: `Copy the license file of ${port}` }).click();
    await expect.poll(() => card.getByRole('status').textContent(), SEEN).toMatch(/^Copied the license file of /);
    await screenshot(portal, 'portal-gateway');

    // [GW-2] pasted on gw-001, whose hardware ID it is not bound to, it is refused, saying so.
    const paste = async (page: Page) => {
      await page.getByLabel('License file').click();
      await page.keyboard.press('ControlOrMeta+V');
      await expect.poll(() => page.getByLabel('License file').inputValue(), SEEN).toMatch(/^LIC1\./);
      await page.getByRole('button', { name: 'Add license' }).click();
    };
    await paste(gw1.page);
    await expect.poll(() => gw1.page.getByRole('group', { name: 'Add a license' }).getByRole('alert').textContent(), SEEN)
      .toMatch(new RegExp(`^LICENSE_FOREIGN_HARDWARE: license ${port} is bound to hardware ID ${gw2.hardwareId}`));
    // On gw-002 it is added, and in force after the reset: the license has arrived.
    await paste(gw2.page);
    await expect.poll(() => gw2.page.getByRole('group', { name: 'Add a license' }).getByRole('status').textContent(), SEEN)
      .toBe(`Added ${port} (Port ×4); it is in force after a reset.`);
    await reboot(gw2.page);
    await expect.poll(() => deviceRow(gw2.page, port).textContent(), SEEN).toContain('In force');
    await gw2.page.getByRole('tab', { name: 'Gateway licenses' }).click();
    await expect.poll(() => gw2.page.getByRole('table', { name: 'Gateway licenses' }).getByRole('row', { name: /Port/ }).textContent(), SEEN).toBe('Port40');
    for (const page of [portal, gw1.page, gw2.page]) await page.close();
  }, 120_000);

  it('[GW-7][GW-10] defines a config template and applies it to PBX users, refusing the grants past the amount in force', async () => {
    await licenseOnPortalPage(browser, { service, accountId: 'globex', deviceId: 'gw-002', items: [{ featureCode: 'Mobility', count: 2 }] });
    const { page } = await openGateway('gw-002');
    await downloadFromPortal(page, 'installed ');
    await reboot(page);
    for (const name of ['Ann Lee', 'Bo', 'Cy']) {
      await page.getByLabel('User name').fill(name);
      await page.getByRole('button', { name: 'Add user' }).click();
      await expect.poll(() => deviceRow(page, name).count(), SEEN).toBe(1);
    }
    const define = page.getByRole('group', { name: 'Define a config template' });
    await define.getByLabel('Template name').fill('mobile-staff');
    await define.getByLabel('Licenses').fill('Port');
    await define.getByRole('button', { name: 'Define template' }).click();
    await expect.poll(() => define.getByRole('alert').textContent(), SEEN).toMatch(/^BAD_REQUEST: .*Port is a gateway license.*\(at featureCode\)$/);
    await define.getByLabel('Licenses').fill('Mobility');
    await define.getByRole('button', { name: 'Define template' }).click();
    await expect.poll(() => define.getByRole('status').textContent(), SEEN).toBe('Defined the config template mobile-staff: Mobility.');
    await expect.poll(() => page.getByRole('table', { name: 'Config templates' }).getByRole('row', { name: 'mobile-staff' }).textContent(), SEEN).toBe('mobile-staffMobility');

    // Three users, two Mobility in force: all or nothing, so no one is granted it.
    const apply = page.getByRole('group', { name: 'Apply a config template' });
    expect(await apply.getByLabel('Template').inputValue()).toBe('mobile-staff');
    for (const name of ['Ann Lee', 'Bo', 'Cy']) await apply.getByRole('checkbox', { name }).check();
    await apply.getByRole('button', { name: 'Apply template' }).click();
    await expect.poll(() => apply.getByRole('alert').textContent(), SEEN).toMatch(/^LICENSE_LIMIT: .*3 more Mobility grant\(s\) would exceed the licenses in force: 0 of 2 Mobility already in use/);
    expect(await deviceRow(page, 'Cy').getByRole('cell').nth(1).textContent()).toBe('none');
    await apply.getByRole('checkbox', { name: 'Cy' }).uncheck();
    await apply.getByRole('button', { name: 'Apply template' }).click();
    await expect.poll(() => apply.getByRole('status').textContent(), SEEN).toBe('Granted Mobility to Ann Lee, Mobility to Bo.');
    await expect.poll(() => deviceRow(page, 'Bo').getByRole('button', { name: 'Revoke Mobility from Bo' }).count(), SEEN).toBe(1);
    expect(await apply.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);
    // [GW-10] the PBX licenses tab counts both grants against the two in force; Cy's own grant is refused in its row.
    await page.getByRole('tab', { name: 'PBX licenses' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'PBX licenses' }).getByRole('row', { name: /Mobility/ }).textContent(), SEEN).toBe('Mobility22');
    await deviceRow(page, 'Cy').getByRole('button', { name: 'Grant to Cy' }).click();
    await expect.poll(() => deviceRow(page, 'Cy').getByRole('alert').textContent(), SEEN).toMatch(/^LICENSE_LIMIT: .*2 of 2 Mobility already in use/);
    await screenshot(page, 'gateway-pbx-users');
    await page.close();
  }, 60_000);
});
