import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../../test/browser/screenshot.ts';
import type { Service } from './createService.ts';
import { SEEN, startBrowserRig, type BrowserRig } from './testing/browserRig.ts';
import { mintToken } from './testing/scenarioService.ts';

const SCENARIO = join(import.meta.dirname, 'audioLicensing.yaml');
/** The red of Expiring Shortly rows (devices.css, --bad). */
const RED = 'rgb(155, 28, 28)';

describe('audio licensing in Chromium: Poly Cloud Services and the audio devices\' pages, by clicking and typing only', () => {
  let rig: BrowserRig;
  let browser: Browser;
  let service: Service;
  const api = (method: string, path: string, body?: unknown) => rig.api(method, path, body);

  beforeAll(async () => {
    rig = await startBrowserRig(SCENARIO);
    ({ browser, service } = rig);
    // The devices' 20-second boot, skipped through the clock API as the demo's clock controls do.
    await rig.advance('1m');
  });
  afterAll(() => rig?.close());

  /** A portal user's token, minted by the administrator: no page offers that. */
  const portalToken = (user: string) => mintToken(service, user, ['Customer'], 'acme');

  async function signInToPortal(page: Page, token: string): Promise<void> {
    await page.getByLabel('Portal user token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  const licenses = (page: Page) => page.getByRole('region', { name: 'Licenses' });
  const count = (page: Page, label: string) => page.getByRole('list', { name: 'License summary' }).getByRole('listitem', { name: new RegExp(`^${label}:`) });
  const licenseRow = (page: Page, key: string) => page.getByRole('table', { name: 'Licenses' }).getByRole('row').filter({ hasText: key });

  /** Enrols a device from its own page, as an installer types the account and token. */
  async function enrollOnPage(page: Page, deviceId: string, provisioningToken: string): Promise<void> {
    await page.goto(`${service.httpUrl}/devices/${deviceId}/`);
    await expect.poll(() => page.getByText('Not enrolled', { exact: true }).isVisible(), SEEN).toBe(true);
    const enrolment = page.getByRole('group', { name: 'Enrolment' });
    await enrolment.getByLabel('Account ID').fill('acme');
    await enrolment.getByLabel('Provisioning token').fill(provisioningToken);
    await enrolment.getByRole('button', { name: 'Enroll' }).click();
  }

  it('[PC-1][PC-2][PC-3][PC-4][PC-5][PC-6][PC-7] activates, enrols up to the Managed Device bound, turns red near expiry and renews', async () => {
    // The vendor's side, through the API: an order of a Managed Device license for two audio devices.
    const order = await api('POST', '/api/v1/orders', { accountId: 'acme', items: [{ featureCode: 'PDMS-AUDIO', count: 2, transactionType: 'New', termDays: 365 }] });
    const key = order.body.activationKey as string;
    const olive = await portalToken('olive');

    const portal = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await portal.goto(`${service.httpUrl}/portal/cloud-services/`);
    await signInToPortal(portal, olive);
    await expect.poll(() => portal.getByText('Signed in as olive (Customer), account acme').isVisible(), SEEN).toBe(true);
    // [PC-1] olive is no user of acme yet: the Licenses functions refuse, in the API's words.
    await expect.poll(() => licenses(portal).getByRole('alert').first().textContent(), SEEN).toMatch(/^FORBIDDEN: .*olive is not a user of account acme/);

    // [PC-1] the account's first user signs up as itself, taking every role.
    const userForm = portal.getByRole('group', { name: 'Add a user or change roles' });
    expect(await userForm.getByLabel('User name').inputValue()).toBe('olive');
    for (const role of ['Account Admin', 'License Admin', 'Device Admin']) await userForm.getByLabel(role).check();
    await userForm.getByRole('button', { name: 'Save user' }).click();
    await expect.poll(() => userForm.getByRole('status').textContent(), SEEN).toBe('Saved olive: Account Admin, License Admin, Device Admin.');
    await expect.poll(() => count(portal, 'Total licenses').textContent(), SEEN).toBe('0Total licenses');
    expect(await licenses(portal).getByRole('alert').count()).toBe(0);

    // [PC-5] Activate New License: the key, Continue, then the agreement — refused unticked, beside the form.
    await portal.getByRole('button', { name: 'Activate New License' }).click();
    const dialog = portal.getByRole('dialog', { name: 'Activate New License' });
    // A mistyped key is refused at Continue, naming where, before any agreement is asked for.
    const typo = `${key.slice(0, 3)}${key[3] === 'X' ? 'Y' : 'X'}${key.slice(4)}`;
    await dialog.getByLabel('License Activation Key').fill(typo);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), SEEN).toMatch(/^CODE_INVALID: .*\(at position \d+\)$/);
    expect(await dialog.getByLabel('I accept the terms in the License Agreement').isVisible()).toBe(false);
    await dialog.getByLabel('License Activation Key').fill(key);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => dialog.getByRole('alert').count(), SEEN).toBe(0);
    const agreement = dialog.getByLabel('I accept the terms in the License Agreement');
    await expect.poll(() => agreement.isVisible(), SEEN).toBe(true);
    await dialog.getByRole('button', { name: 'Activate License' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), SEEN).toMatch(/^AGREEMENT_NOT_ACCEPTED: .*\(at acceptAgreement\)$/);
    expect(await count(portal, 'Total licenses').textContent()).toBe('0Total licenses');
    await screenshot(portal, 'portal-cloud-services-activate');
    await agreement.check();
    await dialog.getByRole('button', { name: 'Activate License' }).click();
    await expect.poll(() => licenses(portal).getByRole('status').textContent(), SEEN).toBe(`Activated ${key}: PDMS-AUDIO ×2 (New).`);
    expect(await dialog.isVisible()).toBe(false);

    // [PC-2] the counts change; [PC-3] the row has every field of the vendor's table.
    await expect.poll(() => count(portal, 'Total licenses').textContent(), SEEN).toBe('1Total licenses');
    expect(await count(portal, 'Active').textContent()).toBe('1Active');
    expect(await count(portal, 'Expiring Shortly').textContent()).toBe('0Expiring Shortly');
    const row = licenseRow(portal, key);
    await expect.poll(() => row.textContent(), SEEN).toMatch(new RegExp(`^${key}record \\S+PDMS-AUDIODevice Management Service for audio devicesManaged DeviceNew\\d{4}-.* UTC\\d{4}-.* UTC0 of 2Active`));

    // [PC-7] the provisioning token a Device Admin hands the installer.
    await portal.getByRole('button', { name: 'Show provisioning token' }).click();
    const tokenNote = portal.getByRole('note', { name: 'Provisioning token' });
    await expect.poll(() => tokenNote.textContent(), SEEN).toMatch(/^\S{8,}$/);
    const provisioningToken = (await tokenNote.textContent())!;
    expect(await portal.getByRole('button', { name: 'Copy provisioning token' }).isVisible()).toBe(true);
    await screenshot(portal, 'portal-cloud-services');

    // [PC-7] enrol on the device's own page: signed in as the administrator, typed as an installer types.
    const device = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await device.goto(`${service.httpUrl}/devices/audio-001/`);
    await device.getByLabel('Administrator token').fill(service.token);
    await device.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => device.getByText('Signed in as the administrator').isVisible(), SEEN).toBe(true);
    await enrollOnPage(device, 'audio-001', provisioningToken);
    const enrolment = device.getByRole('group', { name: 'Enrolment' });
    await expect.poll(() => enrolment.getByRole('status').textContent(), SEEN).toBe('Enrolled with acme: 1 of 2 Managed Devices in use.');
    await expect.poll(() => device.getByText('Enrolled with account acme').isVisible(), SEEN).toBe(true);
    expect(await device.getByLabel('Account', { exact: true }).textContent()).toBe('acme');
    expect(await device.getByLabel('Enrolled since').textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    expect(await device.getByLabel('Last heartbeat').textContent()).toBe('none yet');
    await device.getByRole('button', { name: 'Send heartbeat' }).click();
    await expect.poll(() => device.getByRole('group', { name: 'Managed device' }).getByRole('status').textContent(), SEEN)
      .toBe('Heartbeat answered: the service still manages this device.');
    await expect.poll(() => device.getByLabel('Last heartbeat').textContent(), SEEN).toMatch(/ UTC$/);
    expect(await device.getByLabel('Last error').textContent()).toBe('None');
    const hardwareId = (await device.getByText(/^Hardware ID: /).textContent())!.replace('Hardware ID: ', '');

    // The portal's list shows the device; the usage counts it.
    await expect.poll(() => portal.getByRole('table', { name: 'Managed devices' }).getByRole('row', { name: hardwareId }).isVisible(), SEEN).toBe(true);
    await expect.poll(() => portal.getByText(/^Managed Device usage/).textContent(), SEEN).toBe('Managed Device usage (PDMS-AUDIO): 1 of 2 in use');

    // [PC-7] the second fits the bound; the third is refused MANAGED_DEVICE_LIMIT, on its page.
    await enrollOnPage(device, 'audio-002', provisioningToken);
    await expect.poll(() => enrolment.getByRole('status').textContent(), SEEN).toBe('Enrolled with acme: 2 of 2 Managed Devices in use.');
    await enrollOnPage(device, 'audio-003', provisioningToken);
    await expect.poll(() => enrolment.getByRole('alert').textContent(), SEEN).toMatch(/^MANAGED_DEVICE_LIMIT: /);
    await expect.poll(() => device.getByLabel('Last error').textContent(), SEEN).toMatch(/^Refused MANAGED_DEVICE_LIMIT: .*allow 2/);
    expect(await device.getByText('Not enrolled', { exact: true }).isVisible()).toBe(true);
    await screenshot(device, 'audio-page');
    await expect.poll(() => portal.getByText(/^Managed Device usage/).textContent(), SEEN).toBe('Managed Device usage (PDMS-AUDIO): 2 of 2 in use');
    expect(await portal.getByRole('table', { name: 'Managed devices' }).getByRole('row').count()).toBe(3);

    // [PC-4] 25 days before the end: Expiring Shortly, in red and saying so.
    await rig.advance('340d');
    await expect.poll(() => count(portal, 'Expiring Shortly').textContent(), SEEN).toBe('1Expiring Shortly');
    await expect.poll(() => row.textContent(), SEEN).toContain('Expiring Shortly Please renew your contract.');
    expect(await row.getByRole('cell').first().evaluate((cell) => getComputedStyle(cell).color)).toBe(RED);
    await screenshot(portal, 'portal-cloud-services-expiring');

    // [PC-6] Renew: the row stops asking (no longer red), and the Renewal waits Impending for the old end.
    await row.getByRole('button', { name: `Renew ${key}` }).click();
    await expect.poll(() => licenses(portal).getByRole('status').textContent(), SEEN).toMatch(new RegExp(`^Renewed ${key}: Renewal \\S+ \\(Impending\\) from `));
    await expect.poll(() => row.textContent(), SEEN).toContain('Renewed (by ');
    expect(await row.getByRole('cell').first().evaluate((cell) => getComputedStyle(cell).color)).not.toBe(RED);
    expect(await row.getByRole('button', { name: `Renew ${key}` }).count()).toBe(0);
    await expect.poll(() => count(portal, 'Impending').textContent(), SEEN).toBe('1Impending');
    expect(await count(portal, 'Total licenses').textContent()).toBe('2Total licenses');
    const renewal = portal.getByRole('table', { name: 'Licenses' }).getByRole('row').filter({ hasText: 'Renewal' });
    expect(await renewal.textContent()).toContain('Impending');
    await screenshot(portal, 'portal-cloud-services-renewed');
    await device.close();
    await portal.close();
  }, 120_000);

  it('[PC-1] shows a user without License Admin the refusal the API gives', async () => {
    const uma = await portalToken('uma');
    const olive = await portalToken('olive');
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${service.httpUrl}/portal/cloud-services/`);
    await signInToPortal(page, olive);
    // An Account Admin gives uma the Device Admin role alone.
    const userForm = page.getByRole('group', { name: 'Add a user or change roles' });
    await expect.poll(() => page.getByRole('table', { name: 'Users' }).getByRole('row', { name: 'olive' }).isVisible(), SEEN).toBe(true);
    await userForm.getByLabel('User name').fill('uma');
    await userForm.getByLabel('Device Admin').check();
    await userForm.getByRole('button', { name: 'Save user' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Users' }).getByRole('row', { name: 'uma' }).textContent(), SEEN).toBe('umaDevice Admin');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInToPortal(page, uma);
    await expect.poll(() => page.getByText('Signed in as uma (Customer), account acme').isVisible(), SEEN).toBe(true);
    await expect.poll(() => licenses(page).getByRole('alert').first().textContent(), SEEN)
      .toMatch(/^FORBIDDEN: audio\.\w+ needs the License Admin role: user uma of account acme lacks the License Admin role \(has Device Admin\) \(at user\)$/);
    expect(await page.getByRole('button', { name: 'Activate New License' }).isVisible()).toBe(false);
    expect(await page.getByRole('table', { name: 'Licenses' }).isVisible()).toBe(false);
    // Device Admin still opens the provisioning token.
    await page.getByRole('button', { name: 'Show provisioning token' }).click();
    await expect.poll(() => page.getByRole('note', { name: 'Provisioning token' }).textContent(), SEEN).toMatch(/^\S{8,}$/);
    await screenshot(page, 'portal-cloud-services-forbidden');
    await page.close();
  }, 60_000);
});
