import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../../test/browser/screenshot.ts';
import type { Service } from './createService.ts';
import { smartserverCustomerWithLicenses } from './testing/smartserverCustomer.ts';
import { SEEN, startBrowserRig, type BrowserRig } from './testing/browserRig.ts';

const SCENARIO = join(import.meta.dirname, 'smartserverPage.yaml');

describe('the SmartServer CMS, in Chromium, by clicking and typing only', () => {
  let browser: Browser;
  let service: Service;
  let customerId: string;
  let licenseIds: string[];
  let rig: BrowserRig;
  const api = (method: string, path: string, body?: unknown) => rig.api(method, path, body);

  beforeAll(async () => {
    rig = await startBrowserRig(SCENARIO);
    ({ browser, service } = rig);
    // The partner's side (another page's job): 5 devices of capacity and a year of maintenance for Harbour Tower.
    ({ customerId, licenseIds } = await smartserverCustomerWithLicenses(service, [
      { featureCode: 'SS-CAPACITY', count: 5 }, { featureCode: 'SS-MAINTENANCE', count: 1, termDays: 365 },
    ]));
    // The 45-second boots, skipped through the clock API as the demo's clock controls do.
    await rig.advance('1m');
  });
  afterAll(() => rig?.close());

  const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  const counts = (page: Page) => page.getByRole('list', { name: 'Field devices by state' });
  const fieldRow = (page: Page, name: string) => page.getByRole('table', { name: 'Field devices' }).getByRole('row', { name });

  it('[SS-3][SS-4][SS-5][SS-6][SS-7] saves the Customer ID, downloads and activates licenses, provisions field devices and transfers to the cloud', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${service.httpUrl}/devices/ss-001/#token=${service.token}`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^(Running|Booting|Off)$/ }).textContent(), SEEN).toBe('Running');
    await expect.poll(() => page.getByText(/firmware 4\.0/).isVisible(), SEEN).toBe(true);
    const licenses = region(page, 'Manage Licenses');
    const devices = region(page, 'Devices');

    // A fresh site: six LON devices, unlicensed (purple) without a capacity license.
    await devices.getByLabel('Protocol').selectOption('LON');
    await devices.getByLabel('Count').fill('6');
    await devices.getByRole('button', { name: 'Add field devices' }).click();
    await expect.poll(() => counts(page).textContent(), SEEN).toContain('Unlicensed (purple) 6');
    await expect.poll(() => fieldRow(page, 'lon-006').textContent(), SEEN).toContain('Unlicensed (purple)');

    // [SS-4] without a Customer ID there is nothing to download: refused beside the buttons.
    await licenses.getByRole('button', { name: 'Download Licenses from the Cloud' }).click();
    await expect.poll(() => licenses.getByRole('alert').textContent(), SEEN).toMatch(/^NO_CUSTOMER_ID: /);

    // [SS-3] Manage Customer Accounts: a mistyped ID is refused where it was typed, discarded, then the right one saved.
    await licenses.getByRole('button', { name: 'Manage Customer Accounts' }).click();
    const accounts = licenses.getByRole('group', { name: 'Manage Customer Accounts' });
    await expect.poll(() => accounts.getByRole('row').nth(1).textContent(), SEEN).toContain('ss-001');
    expect(await accounts.getByRole('button', { name: 'Save Changes' }).count()).toBe(0);
    await accounts.getByLabel('Customer ID').fill('2133c667-af41-4518-94df');
    await accounts.getByRole('button', { name: 'Save Changes' }).click();
    await expect.poll(() => accounts.getByRole('alert').textContent(), SEEN).toMatch(/^BAD_REQUEST: Customer ID '2133c667-af41-4518-94df' is not a UUID.* \(at customerId\)$/);
    await screenshot(page, 'smartserver-customer-id-refused');
    await accounts.getByRole('button', { name: 'Discard Changes' }).click();
    await expect.poll(() => accounts.getByRole('status').textContent(), SEEN).toBe('Changes discarded.');
    // The box takes the saved value once the discard is answered, a moment after the status line.
    await expect.poll(() => accounts.getByLabel('Customer ID').inputValue(), SEEN).toBe('');
    await expect.poll(() => accounts.getByRole('button', { name: 'Save Changes' }).count(), SEEN).toBe(0);
    await accounts.getByLabel('Customer ID').fill(customerId);
    await accounts.getByRole('button', { name: 'Save Changes' }).click();
    await expect.poll(() => accounts.getByRole('status').textContent(), SEEN).toBe(`Saved Customer ID ${customerId}.`);
    await expect.poll(() => accounts.getByRole('button', { name: 'Discard Changes' }).count(), SEEN).toBe(0);
    await screenshot(page, 'smartserver-customer-accounts');
    await accounts.getByRole('button', { name: 'BACK' }).click();

    // [SS-4] the customer's licenses in the download view; [SS-5] ACTIVATE needs a selection.
    await licenses.getByRole('button', { name: 'Download Licenses from the Cloud' }).click();
    const download = licenses.getByRole('group', { name: 'Download Licenses from Cloud' });
    const cloud = download.getByRole('table', { name: 'Licenses in the cloud' });
    await expect.poll(() => cloud.getByRole('row', { name: licenseIds[0] }).textContent(), SEEN).toContain('Device capacity: 5');
    await expect.poll(() => cloud.getByRole('row', { name: licenseIds[1] }).textContent(), SEEN).toMatch(/Maintenance until \d{4}-\d\d-\d\d/);
    await download.getByRole('button', { name: 'ACTIVATE' }).click();
    await expect.poll(() => download.getByRole('alert').textContent(), SEEN).toMatch(/^BAD_REQUEST: activate licenses: select 1 to 256/);
    for (const id of licenseIds) await download.getByRole('checkbox', { name: `Select ${id}` }).check();
    await screenshot(page, 'smartserver-download-list');
    await download.getByRole('button', { name: 'ACTIVATE' }).click();

    // The activation's two minutes of virtual time, then skipped.
    const progress = licenses.getByRole('progressbar', { name: 'Activation progress' });
    await expect.poll(() => progress.isVisible(), SEEN).toBe(true);
    await expect.poll(() => licenses.getByRole('status').filter({ hasText: /^Activating / }).textContent(), SEEN)
      .toMatch(new RegExp(`^Activating ${licenseIds.join(', ')}: 1 min \\d\\d s left \\(\\d+%\\)\\.$`));
    expect(await download.getByRole('alert').count()).toBe(0);
    await rig.advance('1m');
    await expect.poll(() => licenses.getByRole('status').filter({ hasText: /^Activating / }).textContent(), SEEN).toMatch(/: 0 min \d\d s left \((5\d|[6-9]\d)%\)/);
    await screenshot(page, 'smartserver-activating');
    await rig.advance('1m');
    await expect.poll(() => licenses.getByRole('status').filter({ hasText: /^Activated / }).textContent(), SEEN).toContain(`Activated ${licenseIds.join(', ')} at `);
    expect(await progress.isVisible()).toBe(false);
    await expect.poll(() => cloud.getByRole('row').count(), SEEN).toBe(0);
    await download.getByRole('button', { name: 'BACK' }).click();
    const installed = licenses.getByRole('table', { name: 'Installed licenses' });
    await expect.poll(() => installed.getByRole('row', { name: licenseIds[0] }).textContent(), SEEN).toContain('Device capacity: 5');
    await expect.poll(() => licenses.getByText(/^Device capacity in force: /).textContent(), SEEN).toMatch(/^Device capacity in force: 5 field devices · Maintenance active until /);
    await screenshot(page, 'smartserver-page');

    // [SS-7] the activated capacity makes the devices blue; provisioned by hand they turn green, up to the capacity.
    await expect.poll(() => counts(page).textContent(), SEEN).toContain('Unprovisioned (blue) 6');
    await fieldRow(page, 'lon-001').getByRole('button', { name: 'Provision lon-001' }).click();
    await expect.poll(() => fieldRow(page, 'lon-001').textContent(), SEEN).toContain('Provisioned (green)');
    await devices.getByRole('button', { name: 'Provision all' }).click();
    await expect.poll(() => devices.getByRole('status').filter({ hasText: /^Provisioned / }).textContent(), SEEN).toBe('Provisioned 4; 1 left unprovisioned: the device capacity is used up.');
    await expect.poll(() => counts(page).textContent(), SEEN).toContain('Provisioned (green) 5');
    await fieldRow(page, 'lon-006').getByRole('button', { name: 'Provision lon-006' }).click();
    await expect.poll(() => fieldRow(page, 'lon-006').getByRole('alert').textContent(), SEEN).toMatch(/^LICENSE_LIMIT: .*beyond its device capacity of 5/);
    await screenshot(page, 'smartserver-devices');

    // [SS-6] Transfer to Cloud asks first; Cancel changes nothing.
    await licenses.getByRole('button', { name: 'Transfer to Cloud' }).click();
    const confirm = page.getByRole('dialog', { name: 'Transfer to Cloud' });
    await expect.poll(() => confirm.isVisible(), SEEN).toBe(true);
    expect(await confirm.getAttribute('aria-modal')).toBe('true');
    expect(await confirm.textContent()).toContain(`${licenseIds[0]}: Device capacity: 5`);
    await screenshot(page, 'smartserver-transfer-dialog');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirm.isVisible(), SEEN).toBe(false);
    expect(await counts(page).textContent()).toContain('Provisioned (green) 5');
    await licenses.getByRole('button', { name: 'Transfer to Cloud' }).click();
    await confirm.getByRole('button', { name: 'TRANSFER LICENSES' }).click();
    await expect.poll(() => licenses.getByRole('status').filter({ hasText: /^Transferred / }).textContent(), SEEN).toContain(`Transferred ${licenseIds.join(', ')} to the cloud`);
    await expect.poll(() => counts(page).textContent(), SEEN).toContain('Unlicensed (purple) 6');
    await expect.poll(() => fieldRow(page, 'lon-001').textContent(), SEEN).toContain('Unlicensed (purple)');
    await expect.poll(() => licenses.getByText('No licenses installed.').isVisible(), SEEN).toBe(true);
    // A second transfer in a row is refused beside the button, and the cloud is not even asked.
    await licenses.getByRole('button', { name: 'Transfer to Cloud' }).click();
    await confirm.getByRole('button', { name: 'TRANSFER LICENSES' }).click();
    await expect.poll(() => licenses.getByRole('alert').textContent(), SEEN).toMatch(/^NOTHING_TO_TRANSFER: /);
    await screenshot(page, 'smartserver-transferred');
    await page.close();
  }, 120_000);

  it('[SS-8] activates a capacity license offline: request code out, the customer portal\'s response code in', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${service.httpUrl}/devices/ss-002/#token=${service.token}`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^(Running|Booting|Off)$/ }).textContent(), SEEN).toBe('Running');
    const offline = region(page, 'Offline activation');
    await offline.getByRole('button', { name: 'Generate request code' }).click();
    await expect.poll(() => offline.getByRole('status', { name: 'Request code' }).textContent(), SEEN).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{1,5})+$/);
    const requestCode = (await offline.getByRole('status', { name: 'Request code' }).textContent())!;
    await offline.getByRole('textbox', { name: 'Response code' }).fill('RSP1.not-a-response');
    await offline.getByRole('button', { name: 'Install response code' }).click();
    await expect.poll(() => offline.getByRole('alert').textContent(), SEEN).toMatch(/\(at responseCode\)$/);

    // The License Customer Portal's part (another page's job), for the capacity license the transfer returned.
    const { installCode } = (await api('GET', '/api/v1/fleet/devices/ss-002')).body.state as { installCode: string };
    const portal = await api('POST', `/api/v1/smartserver/customers/${customerId}/offline-activations`, { installCode, requestCode, licenseIds: [licenseIds[0]] });
    expect(portal.status).toBe(201);
    await offline.getByRole('textbox', { name: 'Response code' }).fill(String(portal.body.responseCode));
    await offline.getByRole('button', { name: 'Install response code' }).click();
    await expect.poll(() => offline.getByRole('status').filter({ hasText: /^Installed / }).textContent(), SEEN).toBe(`Installed ${licenseIds[0]}.`);
    const installed = region(page, 'Manage Licenses').getByRole('table', { name: 'Installed licenses' });
    await expect.poll(() => installed.getByRole('row', { name: licenseIds[0] }).textContent(), SEEN).toContain('Offline');
    await screenshot(page, 'smartserver-offline-activation');
    // CLOSE leaves the license management, and it opens again.
    await region(page, 'Manage Licenses').getByRole('button', { name: 'CLOSE' }).click();
    await expect.poll(() => installed.isVisible(), SEEN).toBe(false);
    await region(page, 'Manage Licenses').getByRole('button', { name: 'Open Manage Licenses' }).click();
    await expect.poll(() => installed.isVisible(), SEEN).toBe(true);
    await page.close();
  }, 60_000);

  it('[SS-1] on firmware 3.2 shows no license management, and provisions field devices without a license', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${service.httpUrl}/devices/old-001/#token=${service.token}`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^Firmware 3\.2 has no license management/ }).isVisible(), SEEN).toBe(true);
    expect(await region(page, 'Manage Licenses').count()).toBe(0);
    const devices = region(page, 'Devices');
    await devices.getByLabel('Protocol').selectOption('BACnet');
    await devices.getByLabel('Count').fill('3');
    await devices.getByRole('button', { name: 'Add field devices' }).click();
    await expect.poll(() => counts(page).textContent(), SEEN).toContain('Unprovisioned (blue) 3');
    await devices.getByRole('button', { name: 'Provision all' }).click();
    await expect.poll(() => counts(page).textContent(), SEEN).toContain('Provisioned (green) 3');
    await screenshot(page, 'smartserver-old-firmware');
    await page.close();
  }, 60_000);
});
