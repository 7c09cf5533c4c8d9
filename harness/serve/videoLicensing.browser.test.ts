import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../../test/browser/screenshot.ts';
import type { Service } from './createService.ts';
import { SEEN, startBrowserRig, type BrowserRig } from './testing/browserRig.ts';
import { mintToken } from './testing/scenarioService.ts';

const SCENARIO = join(import.meta.dirname, 'videoLicensing.yaml');

describe('Clariti licensing between the product\'s Licenses page and Poly Lens, in Chromium, by clicking and typing only', () => {
  let browser: Browser;
  let service: Service;
  let customerToken: string;
  let rig: BrowserRig;
  const api = (method: string, path: string, body?: unknown) => rig.api(method, path, body);

  beforeAll(async () => {
    rig = await startBrowserRig(SCENARIO);
    ({ browser, service } = rig);
    // The 30-second boots, skipped as the demo's clock controls do; and acme's user of Poly Lens.
    await rig.advance('1m');
    customerToken = await mintToken(service, 'olive', ['Customer'], 'acme');
  });
  afterAll(() => rig?.close());

  /** The vendor's order desk, which no page offers: its License Activation Key goes to the customer by e-mail. */
  async function placeOrder(items: { featureCode: string; count: number }[]): Promise<string> {
    const order = await api('POST', '/api/v1/orders', { accountId: 'acme', items });
    expect(order.status).toBe(201);
    return order.body.activationKey as string;
  }

  /** One browser context per test, allowed to use the clipboard, with the product and Poly Lens open side by side. */
  async function openBoth(deviceId: string): Promise<{ context: BrowserContext; product: Page; lens: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.httpUrl });
    const product = await context.newPage();
    await product.goto(`${service.httpUrl}/devices/${deviceId}/#token=${service.token}`);
    await expect.poll(() => product.getByRole('status').filter({ hasText: /^(Running|Booting|Off)$/ }).textContent(), SEEN).toBe('Running');
    const lens = await context.newPage();
    await lens.goto(`${service.httpUrl}/portal/lens/#token=${customerToken}`);
    await expect.poll(() => lens.getByText('Signed in as olive (Customer), account acme').isVisible(), SEEN).toBe(true);
    return { context, product, lens };
  }

  /** Activate a License in Poly Lens with the key from the order's e-mail. */
  async function activate(lens: Page, activationKey: string): Promise<void> {
    await lens.getByLabel('License Activation Key').fill(activationKey);
    await lens.getByRole('button', { name: 'Activate', exact: true }).click();
    await expect.poll(() => lens.getByRole('region', { name: 'Activate a License' }).getByRole('status').textContent(), SEEN).toMatch(/^Activated: .*CLARITI-PORTS ×/);
  }

  /** The value beside a row header of a two-column table (the product's details, the License Product window). */
  const valueOf = (table: Locator, label: string) =>
    table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: label, exact: true }) }).getByRole('cell').textContent();

  /** Pastes what the clipboard holds into a box, as a person's Ctrl+V does. */
  async function paste(box: Locator): Promise<void> {
    await box.click();
    await box.press('Control+V');
  }

  /** Last connection status: its badge and when. */
  const lastConnection = (connect: Locator) => connect.getByRole('status').filter({ hasText: /^(SUCCESS|FAILED|Never connected)/ });
  const tab = (lens: Page, name: string) => lens.getByRole('tab', { name }).click();

  it('[CL-2][CL-5][CL-6][CL-7] restrictive mode: copies the License Product window into Add Restrictive by hand, refused for a wrong capital, then licensed by pasting the Response Code back', async () => {
    const activationKey = await placeOrder([{ featureCode: 'CLARITI-PORTS', count: 10 }, { featureCode: 'CLARITI-RECORDING', count: 2 }]);
    const { context, product, lens } = await openBoth('cl-001');
    await expect.poll(() => product.getByText('Clariti Core: Admin > Server > Licenses').isVisible(), SEEN).toBe(true);
    expect(await product.getByText('No license installed: no entitlements in effect.').isVisible()).toBe(true);

    // [CL-1] a Name of our own, License mode Restrictive, Update Configuration.
    await product.getByLabel('Name', { exact: true }).fill('core-east-01');
    await product.getByRole('radio', { name: 'Restrictive' }).check();
    await product.getByRole('button', { name: 'Update Configuration' }).click();
    await expect.poll(() => product.getByText('Configuration saved.').isVisible(), SEEN).toBe(true);
    await screenshot(product, 'video-page');

    // [CL-5] License Product: what to copy by hand.
    await product.getByRole('button', { name: 'License Product' }).click();
    const window = product.getByRole('dialog', { name: 'License Product' });
    const shown = {
      name: await valueOf(window, 'Name'), type: await valueOf(window, 'Type'), version: await valueOf(window, 'Version'), requestCode: await valueOf(window, 'Request Code'),
    };
    expect(shown).toMatchObject({ name: 'core-east-01', type: 'Clariti Core', version: '2.2.1' });
    expect(shown.requestCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}-[0-9A-Z]{2}$/);
    await screenshot(product, 'video-page-license-product');

    // [CL-2] the License Activation Key, then Add New > Restrictive Purchased Product.
    await activate(lens, activationKey);
    await lens.getByRole('button', { name: 'Restrictive Purchased Product' }).click();
    const add = lens.getByRole('dialog', { name: 'Add Restrictive Purchased Product' });
    await add.getByLabel('Name', { exact: true }).fill('Core-east-01');
    await add.getByLabel('Type', { exact: true }).fill(shown.type!);
    await add.getByLabel('Version', { exact: true }).fill(shown.version!);
    await add.getByLabel('Request Code', { exact: true }).fill(shown.requestCode!);
    await add.getByRole('button', { name: 'Add Restrictive Purchased Product' }).click();
    await expect.poll(() => add.getByRole('alert').textContent(), SEEN).toMatch(/^FIELD_MISMATCH: Name 'Core-east-01' does not match.*\(at name\)$/);
    await screenshot(lens, 'portal-lens-restrictive-refused');
    await add.getByLabel('Name', { exact: true }).fill(shown.name!);
    await add.getByRole('button', { name: 'Add Restrictive Purchased Product' }).click();
    await expect.poll(() => add.isVisible(), SEEN).toBe(false);
    const listed = lens.getByRole('row', { name: 'core-east-01' });
    await expect.poll(() => listed.textContent(), SEEN).toContain('Restrictive');

    // [CL-6] Entitlements > Assign: 4 of the 10 CLARITI-PORTS to the product.
    await tab(lens, 'Entitlements');
    await expect.poll(() => lens.getByRole('row', { name: 'CLARITI-PORTS' }).textContent(), SEEN).toContain('10 available');
    await lens.getByRole('button', { name: 'Assign CLARITI-PORTS' }).click();
    const assign = lens.getByRole('dialog', { name: 'Assign CLARITI-PORTS' });
    await assign.getByLabel('Update Attribute Count for core-east-01').fill('11');
    await assign.getByRole('button', { name: 'Assign Entitlements' }).click();
    await expect.poll(() => assign.getByRole('alert').textContent(), SEEN).toMatch(/^ENTITLEMENT_EXHAUSTED: /);
    await assign.getByLabel('Update Attribute Count for core-east-01').fill('4');
    await assign.getByRole('button', { name: 'Assign Entitlements' }).click();
    await expect.poll(() => lens.getByRole('row', { name: 'CLARITI-PORTS' }).textContent(), SEEN).toContain('6 available');
    await screenshot(lens, 'portal-lens-entitlements');

    // [CL-7] Purchased Products > License > Process License > Process Request; copy the Response Code.
    await tab(lens, 'Purchased Products');
    await expect.poll(() => listed.textContent(), SEEN).toContain('CLARITI-PORTS ×4');
    await lens.getByRole('button', { name: 'Process License for core-east-01' }).click();
    const process = lens.getByRole('dialog', { name: 'Process License' });
    await process.getByRole('button', { name: 'Process Request' }).click();
    await expect.poll(() => process.getByText(/^RSP1\./).isVisible(), SEEN).toBe(true);
    await process.getByRole('button', { name: 'Copy Response Code' }).click();
    await expect.poll(() => process.getByRole('status').textContent(), SEEN).toBe('Copied to the clipboard.');
    await screenshot(lens, 'portal-lens-products');

    // Back on the product: Install License, paste, Process License Response Code.
    await window.getByRole('button', { name: 'Close' }).click();
    await product.getByRole('button', { name: 'Install License' }).click();
    const install = product.getByRole('dialog', { name: 'Install License' });
    await paste(install.getByLabel('Response Code'));
    expect(await install.getByLabel('Response Code').inputValue()).toMatch(/^RSP1\./);
    await install.getByRole('button', { name: 'Process License Response Code' }).click();
    await expect.poll(() => install.isVisible(), SEEN).toBe(false);
    await expect.poll(() => product.getByRole('status').filter({ hasText: 'License installed' }).textContent(), SEEN).toBe('License installed: CLARITI-PORTS ×4.');
    await expect.poll(() => product.getByRole('table', { name: 'Entitlements in effect' }).getByRole('row', { name: 'CLARITI-PORTS' }).textContent(), SEEN).toBe('CLARITI-PORTS4');
    // The same code again answers no outstanding request: refused in the window, in the firmware's words.
    await product.getByRole('button', { name: 'Install License' }).click();
    await paste(install.getByLabel('Response Code'));
    await install.getByRole('button', { name: 'Process License Response Code' }).click();
    await expect.poll(() => install.getByRole('alert').textContent(), SEEN).toMatch(/^RESPONSE_STALE: /);
    await install.getByRole('button', { name: 'Close' }).click();
    await screenshot(product, 'video-page-licensed');
    await context.close();
  }, 120_000);

  it('[CL-2][CL-3][CL-6][CL-8] standard mode: an access token from Poly Lens pasted on the Manager, Update License SUCCESS with its entitlements, FAILED once revoked', async () => {
    const activationKey = await placeOrder([{ featureCode: 'CLARITI-PORTS', count: 5 }]);
    const { context, product, lens } = await openBoth('clm-001');
    await expect.poll(() => product.getByText('Clariti Manager: Licenses').isVisible(), SEEN).toBe(true);
    const hostName = await valueOf(product.getByRole('table', { name: 'Product' }), 'Host name');
    expect(await product.getByLabel('Name', { exact: true }).inputValue()).toBe(hostName);
    await activate(lens, activationKey);

    // [CL-8] Access Tokens: create one, copy its secret (shown once).
    await tab(lens, 'Access Tokens');
    await lens.getByLabel('User', { exact: true }).fill('alice@acme.example');
    await lens.getByRole('button', { name: 'Create Access Token' }).click();
    const created = lens.getByRole('dialog', { name: /^Access token created: tok-\S+ for alice@acme\.example$/ });
    await expect.poll(() => created.getByText(/^clt_[0-9a-f]{48}$/).isVisible(), SEEN).toBe(true);
    const tokenId = /tok-\S+/.exec(await created.getByRole('heading').textContent() ?? '')![0];
    await created.getByRole('button', { name: 'Copy access token' }).click();
    await expect.poll(() => created.getByRole('status').textContent(), SEEN).toBe('Copied to the clipboard.');
    await created.getByRole('button', { name: 'Close' }).click();
    expect(await lens.getByRole('row', { name: tokenId }).textContent()).toContain('Active');

    // [CL-3] on the product: paste the token, automatic refresh on, Update License.
    await paste(product.getByLabel('Access token'));
    await product.getByRole('checkbox', { name: 'Enable automatic license refresh' }).check();
    const connect = product.getByRole('region', { name: 'Connect to Poly Lens' });
    await connect.getByRole('button', { name: 'Update License' }).click();
    await expect.poll(() => lastConnection(connect).textContent(), SEEN).toMatch(/^SUCCESS at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    await expect.poll(() => product.getByText('Access token entered').isVisible(), SEEN).toBe(true);
    expect(await product.getByLabel('Access token').inputValue()).toBe('');
    await expect.poll(() => product.getByText(/^Automatic license refresh: next at /).isVisible(), SEEN).toBe(true);

    // [CL-6] the product registered itself: assign it 3 ports, and the next update brings them.
    await tab(lens, 'Purchased Products');
    await expect.poll(() => lens.getByRole('row', { name: hostName! }).textContent(), SEEN).toContain('Standard (online)');
    await tab(lens, 'Entitlements');
    await lens.getByRole('button', { name: 'Assign CLARITI-PORTS' }).click();
    const assign = lens.getByRole('dialog', { name: 'Assign CLARITI-PORTS' });
    await assign.getByLabel(`Update Attribute Count for ${hostName}`).fill('3');
    await assign.getByRole('button', { name: 'Assign Entitlements' }).click();
    await expect.poll(() => assign.isVisible(), SEEN).toBe(false);
    await connect.getByRole('button', { name: 'Update License' }).click();
    await expect.poll(() => product.getByRole('table', { name: 'Entitlements in effect' }).getByRole('row', { name: 'CLARITI-PORTS' }).textContent(), SEEN).toBe('CLARITI-PORTS3');
    await expect.poll(() => connect.getByRole('status').filter({ hasText: 'License updated' }).textContent(), SEEN).toMatch(/CLARITI-PORTS ×3\.$/);
    await screenshot(product, 'video-page-manager');

    // [CL-8] revoke it: the next Update License fails and says why; the license stays.
    await tab(lens, 'Access Tokens');
    await lens.getByRole('button', { name: `Revoke ${tokenId}` }).click();
    await expect.poll(() => lens.getByRole('row', { name: tokenId }).textContent(), SEEN).toContain('Revoked');
    await screenshot(lens, 'portal-lens-tokens');
    await connect.getByRole('button', { name: 'Update License' }).click();
    await expect.poll(() => connect.getByRole('alert').textContent(), SEEN).toMatch(/^TOKEN_REVOKED: /);
    await expect.poll(() => lastConnection(connect).textContent(), SEEN).toMatch(/^FAILED: token revoked at /);
    expect(await product.getByRole('table', { name: 'Entitlements in effect' }).getByRole('row', { name: 'CLARITI-PORTS' }).textContent()).toBe('CLARITI-PORTS3');
    await screenshot(product, 'video-page-manager-failed');
    await context.close();
  }, 120_000);

  it('[CL-4][CL-7] standard mode without internet: the Request Code copied into Add Standard Purchased Product, a mistyped one refused naming the position', async () => {
    const { context, product, lens } = await openBoth('cl-001');
    await product.getByRole('radio', { name: 'Standard' }).check();
    await product.getByRole('button', { name: 'Update Configuration' }).click();
    await expect.poll(() => product.getByText('Configuration saved.').isVisible(), SEEN).toBe(true);
    await product.getByRole('button', { name: 'License Product' }).click();
    const window = product.getByRole('dialog', { name: 'License Product' });
    const requestCode = (await valueOf(window, 'Request Code'))!;
    // In standard mode the window shows the Request Code alone.
    expect(await window.getByRole('rowheader').allTextContents()).toEqual(['Request Code']);
    await window.getByRole('button', { name: 'Copy Request Code' }).click();
    await expect.poll(() => window.getByRole('status').textContent(), SEEN).toBe('Copied to the clipboard.');

    await lens.getByRole('button', { name: 'Standard Purchased Product' }).click();
    const add = lens.getByRole('dialog', { name: 'Add Standard Purchased Product' });
    const box = add.getByLabel('Request Code');
    const typo = `${requestCode.slice(0, 2)}${requestCode[2] === 'A' ? 'B' : 'A'}${requestCode.slice(3)}`;
    await box.fill(typo);
    await add.getByRole('button', { name: 'Add Standard Purchased Product' }).click();
    await expect.poll(() => add.getByRole('alert').textContent(), SEEN).toMatch(/^CODE_INVALID: .*\(at position 3\)$/);
    await box.fill('');
    await paste(box);
    expect(await box.inputValue()).toBe(requestCode);
    await add.getByRole('button', { name: 'Add Standard Purchased Product' }).click();
    await expect.poll(() => add.isVisible(), SEEN).toBe(false);
    const name = (await product.getByLabel('Name', { exact: true }).inputValue());
    await expect.poll(() => lens.getByRole('row', { name }).textContent(), SEEN).toContain('Standard');

    // [CL-7] Process License answers the newest request code; installed, it clears the request.
    await lens.getByRole('button', { name: `Process License for ${name}` }).click();
    const process = lens.getByRole('dialog', { name: 'Process License' });
    await process.getByRole('button', { name: 'Process Request' }).click();
    await process.getByRole('button', { name: 'Copy Response Code' }).click();
    await expect.poll(() => process.getByRole('status').textContent(), SEEN).toBe('Copied to the clipboard.');
    await window.getByRole('button', { name: 'Close' }).click();
    await product.getByRole('button', { name: 'Install License' }).click();
    const install = product.getByRole('dialog', { name: 'Install License' });
    await paste(install.getByLabel('Response Code'));
    await install.getByRole('button', { name: 'Process License Response Code' }).click();
    await expect.poll(() => product.getByRole('status').filter({ hasText: 'License installed' }).textContent(), SEEN).toMatch(/^License installed: /);
    await context.close();
  }, 120_000);
});
