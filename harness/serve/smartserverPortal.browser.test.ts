import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../emulator/random/Random.ts';
import { newRequestCode } from '../../protocol/codes/requestCode.ts';
import { screenshot } from '../../test/browser/screenshot.ts';
import type { Service } from './createService.ts';
import { SEEN, startBrowserRig, type BrowserRig } from './testing/browserRig.ts';
import { mintToken } from './testing/scenarioService.ts';

const SCENARIO = join(import.meta.dirname, 'smartserverPortal.browser.yaml');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('the License Partner Portal and License Customer Portal, in Chromium, by clicking and typing only', () => {
  let browser: Browser;
  let context: BrowserContext;
  let service: Service;
  let rig: BrowserRig;
  const api = (method: string, path: string, body?: unknown) => rig.api(method, path, body);
  /** A portal user's token, as the administrator mints it (no page offers that). */
  const mint = (user: string, roles: string[], accountId: string) => mintToken(service, user, roles, accountId);

  beforeAll(async () => {
    rig = await startBrowserRig(SCENARIO);
    ({ browser, service } = rig);
    // The copy buttons write to the clipboard, which Chromium allows only when granted.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  });
  afterAll(() => rig?.close());

  async function signIn(page: Page, path: string, token: string): Promise<void> {
    await page.goto(`${service.httpUrl}${path}`);
    await page.getByLabel('Portal user token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  const form = (page: Page, name: string) => page.getByRole('form', { name });
  const rowsOf = (page: Page, table: string) => page.getByRole('table', { name: table }).locator('tbody').getByRole('row');
  const licenseRow = (page: Page, licenseId: string) => page.getByRole('table', { name: 'Licenses' }).getByRole('row', { name: licenseId });
  const counts = (page: Page) => page.getByRole('list', { name: 'License counts' }).getByRole('listitem').allTextContents();

  it('[SS-2][SS-4][SS-8] a partner activates its key, adds customers and assigns licenses; the customer sees them and activates one offline', async () => {
    // Set-up no page offers: the vendor's order desk places the partner's order; the administrator mints the partner's token.
    const order = await api('POST', '/api/v1/orders', {
      accountId: 'integrator',
      items: [{ featureCode: 'SS-CAPACITY', count: 25 }, { featureCode: 'SS-CAPACITY', count: 25 }, { featureCode: 'SS-MAINTENANCE', count: 1, termDays: 365 }],
    });
    expect(order.status).toBe(201);
    // The partner is the vendor's customer too: its Customer role activates keys into its own account.
    const partnerToken = await mint('pat', ['Partner', 'Customer'], 'integrator');

    const partner = await context.newPage();
    await signIn(partner, '/portal/smartserver/partner/', partnerToken);
    await expect.poll(() => partner.locator('#portal-session').textContent(), SEEN).toBe('Signed in as pat (Partner, Customer), Partner account integrator');
    await expect.poll(() => partner.getByText('No customers yet: add one above.').isVisible(), SEEN).toBe(true);

    // Refusals beside their controls, in the API's words: a mistyped key, an empty customer name.
    const key = order.body.activationKey as string;
    const typo = key.slice(0, 2) + (key[2] === 'A' ? 'B' : 'A') + key.slice(3);
    await partner.getByLabel('Activation key').fill(typo);
    await partner.getByRole('button', { name: 'Activate' }).click();
    await expect.poll(() => form(partner, 'Activate licenses').getByRole('alert').textContent(), SEEN).toMatch(/^CODE_INVALID: activation key: character 3 .* looks mistyped/);
    await partner.getByRole('button', { name: 'Add customer' }).click();
    await expect.poll(() => form(partner, 'Add customer').getByRole('alert').textContent(), SEEN).toMatch(/^BAD_REQUEST: .*\(at name\)$/);

    await partner.getByLabel('Activation key').fill(key);
    await partner.getByRole('button', { name: 'Activate' }).click();
    await expect.poll(() => form(partner, 'Activate licenses').getByRole('status').textContent(), SEEN).toMatch(/^Activated 3 licenses into account integrator: /);
    expect(await form(partner, 'Activate licenses').getByRole('alert').count()).toBe(0);
    await expect.poll(() => rowsOf(partner, 'Licenses').count(), SEEN).toBe(3);
    const licenseIds = await rowsOf(partner, 'Licenses').locator('th').allTextContents();
    expect(await rowsOf(partner, 'Licenses').nth(0).textContent()).toContain('Device capacity: 25');
    expect(await rowsOf(partner, 'Licenses').nth(0).textContent()).toContain('Not assigned');

    // [SS-2] A customer gets a Customer ID, shown with a copy button.
    await partner.getByLabel('Customer name').fill('Campus');
    await partner.getByRole('button', { name: 'Add customer' }).click();
    const added = form(partner, 'Add customer').getByRole('status').first();
    await expect.poll(() => added.textContent(), SEEN).toMatch(/^Customer Campus added\. Customer ID: /);
    expect(await form(partner, 'Add customer').getByRole('alert').count()).toBe(0);
    const customerId = UUID.exec(await added.textContent() ?? '')![0];
    await partner.getByRole('button', { name: 'Copy Customer ID', exact: true }).click();
    await expect.poll(() => form(partner, 'Add customer').getByText(`Copied Customer ID ${customerId} to the clipboard`).isVisible(), SEEN).toBe(true);
    expect(await partner.evaluate(() => navigator.clipboard.readText())).toBe(customerId);
    // A second customer of the same name is refused; another name is not.
    await partner.getByLabel('Customer name').fill('Campus');
    await partner.getByRole('button', { name: 'Add customer' }).click();
    await expect.poll(() => form(partner, 'Add customer').getByRole('alert').textContent(), SEEN).toMatch(/^CONFLICT: .*already has a customer named 'Campus'.*\(at name\)$/);
    await partner.getByLabel('Customer name').fill('Harbour Tower');
    await partner.getByRole('button', { name: 'Add customer' }).click();
    await expect.poll(() => rowsOf(partner, 'Customers').locator('th').allTextContents(), SEEN).toEqual(['Campus', 'Harbour Tower']);
    await partner.getByLabel('Search customers by name').fill('camp');
    await expect.poll(() => rowsOf(partner, 'Customers').locator('th').allTextContents(), SEEN).toEqual(['Campus']);
    expect(await rowsOf(partner, 'Customers').nth(0).textContent()).toContain(customerId);

    // [SS-2] Assign the two capacity licenses to Campus.
    await partner.getByRole('checkbox', { name: `Select ${licenseIds[0]}` }).check();
    await partner.getByRole('checkbox', { name: `Select ${licenseIds[1]}` }).check();
    await partner.getByLabel('Customer', { exact: true }).selectOption({ label: 'Campus' });
    await partner.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => partner.getByRole('group', { name: 'Assign licenses' }).getByRole('status').textContent(), SEEN).toBe('Assigned 2 licenses to Campus');
    await expect.poll(() => licenseRow(partner, licenseIds[1]!).textContent(), SEEN).toContain('Campus');
    expect(await licenseRow(partner, licenseIds[2]!).textContent()).toContain('Not assigned');
    await expect.poll(() => rowsOf(partner, 'Customers').nth(0).locator('td').nth(1).textContent(), SEEN).toBe('2');
    await screenshot(partner, 'portal-smartserver-partner');

    // [SS-4] The customer's own token (minted by the administrator) opens the License Customer Portal.
    const customer = await context.newPage();
    await signIn(customer, '/portal/smartserver/customer/', await mint('cara', ['Customer'], customerId));
    await expect.poll(() => customer.locator('#portal-session').textContent(), SEEN).toBe(`Signed in as cara (Customer), Customer ID ${customerId}`);
    await expect.poll(() => counts(customer), SEEN).toEqual(['2 total', '2 in the cloud', '0 activated on a SmartServer']);
    expect(await rowsOf(customer, 'Licenses').locator('th').allTextContents()).toEqual(licenseIds.slice(0, 2));
    expect(await licenseRow(customer, licenseIds[0]!).textContent()).toContain('In the cloud');

    // [SS-8] Offline activation. The server's request code is set-up here: its own page belongs to the device pages.
    const { installCode } = (await api('GET', '/api/v1/fleet/devices/ss-001')).body.state as { installCode: string };
    const request = newRequestCode({ identity: installCode, random: createRandom('browser') });
    await customer.getByLabel('Install Code').fill(installCode);
    const mistyped = request.code.slice(0, 6) + (request.code[6] === 'A' ? 'B' : 'A') + request.code.slice(7);
    await customer.getByLabel('Request Code').fill(mistyped);
    await customer.getByRole('checkbox', { name: `Select ${licenseIds[0]}` }).check();
    await customer.getByRole('button', { name: 'Get response code' }).click();
    await expect.poll(() => form(customer, 'Offline activation').getByRole('alert').textContent(), SEEN).toMatch(/^CODE_INVALID: .*\(at requestCode\)$/);
    await customer.getByLabel('Request Code').fill(request.code);
    await customer.getByRole('button', { name: 'Get response code' }).click();
    await expect.poll(() => customer.getByLabel('Response Code').inputValue(), SEEN).toMatch(/^RSP1\./);
    expect(await form(customer, 'Offline activation').getByRole('alert').count()).toBe(0);
    const responseCode = await customer.getByLabel('Response Code').inputValue();
    await customer.getByRole('button', { name: 'Copy response code' }).click();
    await expect.poll(() => form(customer, 'Offline activation').getByText('Copied the response code to the clipboard').isVisible(), SEEN).toBe(true);
    expect(await customer.evaluate(() => navigator.clipboard.readText())).toBe(responseCode);
    await expect.poll(() => counts(customer), SEEN).toEqual(['2 total', '1 in the cloud', '1 activated on a SmartServer']);
    expect(await licenseRow(customer, licenseIds[0]!).textContent()).toContain(`Activated on install code ${installCode}`);
    // The partner's page shows where the license went once reloaded: the live feed reports the fleet's changes, not the cloud's.
    await partner.reload();
    await expect.poll(() => licenseRow(partner, licenseIds[0]!).textContent(), SEEN).toContain(`Activated on install code ${installCode}`);
    await screenshot(customer, 'portal-smartserver-customer');

    // The customer's token opens its own Customer ID only.
    await customer.getByRole('button', { name: 'Sign out' }).click();
    await signIn(customer, '/portal/smartserver/partner/', await mint('cara2', ['Customer'], customerId));
    await expect.poll(() => customer.getByRole('alert').filter({ hasText: 'FORBIDDEN' }).first().textContent(), SEEN).toMatch(/^FORBIDDEN: .*needs the Partner role/);
    await partner.close();
    await customer.close();
  }, 120_000);
});
