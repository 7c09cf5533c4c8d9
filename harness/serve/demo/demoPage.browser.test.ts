import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { launchChromium } from '../../../test/browser/launchChromium.ts';
import { screenshot, SCREENSHOTS } from '../../../test/browser/screenshot.ts';
import { createCatalogue } from '../../catalogue.ts';
import { loadFiles } from '../../scenario/validateFiles.ts';
import type { Service } from '../createService.ts';
import { silentLogger } from '../serviceLog.ts';
import { createDemoService } from './createDemoService.ts';

const DEMO = join(import.meta.dirname, '..', '..', '..', 'scenarios', 'smartserver', 'demo-transfer-reprovision.yaml');
const catalogue = createCatalogue();
/** Playwright's retrying assertions wait this long for the demo page's once-a-second poll. */
const SEEN = { timeout: 10_000 };
const SERVERS = Array.from({ length: 10 }, (_, i) => `ss-${String(i + 1).padStart(3, '0')}`);
/** A skip only while the page says a step waits and the next deadline is this close: a stale "waiting" must not jump a year to the maintenance expiry. */
const NEAR_DEADLINE_MS = 60 * 60 * 1000;

/** What the fleet view's accessible list says of a SmartServer whose 50 field devices (or none) are all one colour. */
function allFieldDevices(colour: 'purple' | 'blue' | 'green', state: 'licensed' | 'unlicensed', devices = 50): string[] {
  const count = (c: string) => (c === colour ? devices : 0);
  return SERVERS.map((id) => `${id}: ${state}; field devices ${count('purple')} purple (unlicensed), ${count('blue')} blue (unprovisioned), ${count('green')} green (provisioned)`);
}

describe('the demo page and the fleet view, in Chromium, walking the sales demo by clicking only', () => {
  let browser: Browser;
  let service: Service;

  beforeAll(async () => {
    browser = await launchChromium();
    const [scenario] = (await loadFiles([DEMO], catalogue)).scenarios;
    service = unwrap(await createDemoService({ catalogue, scenario: scenario!, seed: 7, speed: 1, httpPort: 0, mqttPort: 0, logger: silentLogger }));
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  const steps = (page: Page) => page.getByRole('list', { name: 'Scenario steps' }).getByRole('listitem');
  const statusOf = (page: Page, index: number) => steps(page).nth(index).locator('.status').textContent();
  /** The cloud's counts in the License Customer Portal beside the steps, as its list reads. */
  const cloudCounts = (page: Page) => page.getByTitle('License Customer Portal').contentFrame()
    .getByRole('list', { name: 'License counts' }).getByRole('listitem').allTextContents();
  const counted = (inCloud: number) => ['30 total', `${inCloud} in the cloud`, `${30 - inCloud} activated on a SmartServer`];
  const smartServers = (fleet: Page) => fleet.getByRole('list', { name: 'smartserver devices' }).getByRole('listitem').allTextContents();

  /** Clicks Next step and, while the page says the step waits on virtual time, Skip to next deadline, until the step has passed. */
  async function nextStep(page: Page, index: number): Promise<void> {
    await page.getByRole('button', { name: 'Next step' }).click();
    for (;;) {
      const status = await statusOf(page, index);
      if (status === 'passed') return;
      expect(status, await steps(page).nth(index).textContent() ?? '').not.toBe('failed');
      const waiting = (await page.locator('#progress').textContent())?.includes('waiting for virtual time') === true;
      const time = Date.parse(await page.locator('#clock-time').textContent() ?? '');
      const deadline = Date.parse(await page.locator('#clock-deadline').textContent() ?? '');
      const polled = page.waitForResponse((r) => r.url().endsWith('/api/v1/demo') && r.request().method() === 'GET');
      if (waiting && deadline - time <= NEAR_DEADLINE_MS) {
        await page.getByRole('button', { name: 'Skip to next deadline' }).click();
        // The "waiting" shown may be from before the skip: judge again only after a poll sent after it.
        await polled;
        await page.waitForResponse((r) => r.url().endsWith('/api/v1/demo') && r.request().method() === 'GET');
      } else {
        await polled;
      }
    }
  }

  it('[SS-2][SS-4][SS-5][SS-6][SS-7] activates, provisions, transfers to the cloud, reactivates and reprovisions, with the fleet view in step; Restart begins again', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const fleet = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${service.httpUrl}/demo/`);
    await fleet.goto(`${service.httpUrl}/`);
    await page.locator('summary', { hasText: 'Administrator token' }).click();
    await page.getByLabel('Administrator token').fill(service.token);
    // Only skips move virtual time, as in `fleetrig run`.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.locator('#clock-state').textContent(), SEEN).toBe('paused');

    const texts = await steps(page).locator('.text').allTextContents();
    expect(texts.length).toBeGreaterThan(30);
    await expect.poll(() => statusOf(page, 0), SEEN).toBe('pending');
    await screenshot(page, 'demo-start');
    await screenshot(fleet, 'fleet-start');
    const at = (kind: string, nth: number) => texts.map((t, i) => (t.startsWith(kind) ? i : -1)).filter((i) => i >= 0)[nth]!;
    // Before the customer exists the panel beside says when its portal will appear.
    await expect.poll(() => page.getByRole('region', { name: 'License Customer Portal' }).getByRole('status').textContent(), SEEN)
      .toBe('The License Customer Portal of Campus appears here once step 2 has created the customer.');
    // The customer exists, with nothing assigned yet: the portal appears beside, and the assignment (a change in the cloud alone) shows at once.
    let index = 0;
    for (; index <= at('smartserver.portal.createCustomer', 0); index++) await nextStep(page, index);
    await expect.poll(() => cloudCounts(page), SEEN).toEqual(['0 total', '0 in the cloud', '0 activated on a SmartServer']);
    const stages = [
      { after: at('smartserver.portal.assign', 0), name: 'assigned', expected: allFieldDevices('purple', 'unlicensed', 0), inCloud: 30 },
      { after: at('smartserver.activate', 0), name: 'activated', expected: allFieldDevices('blue', 'licensed'), inCloud: 0 },
      { after: at('smartserver.provision', 0), name: 'provisioned', expected: allFieldDevices('green', 'licensed'), inCloud: 0 },
      { after: at('smartserver.transfer', 0), name: 'transferred', expected: allFieldDevices('purple', 'unlicensed'), inCloud: 30 },
      { after: at('smartserver.activate', 1), name: 'reactivated', expected: allFieldDevices('blue', 'licensed'), inCloud: 0 },
    ];

    for (const stage of stages) {
      for (; index <= stage.after; index++) await nextStep(page, index);
      // The fleet view and the cloud's counts beside the steps, both in step with the scenario's own checks.
      await expect.poll(() => smartServers(fleet), SEEN).toEqual(stage.expected);
      await expect.poll(() => cloudCounts(page), SEEN).toEqual(counted(stage.inCloud));
      await screenshot(page, `demo-${stage.name}`);
      await screenshot(fleet, `fleet-${stage.name}`);
    }

    // The rest in one click: provisioning again, and the checks after it. Nothing waits on the clock here.
    await page.getByRole('button', { name: 'Run to end' }).click();
    await expect.poll(() => page.locator('#progress').textContent(), SEEN).toBe(`All ${texts.length} steps passed`);
    expect(await steps(page).locator('.status').allTextContents()).toEqual(texts.map(() => 'passed'));
    await expect.poll(() => smartServers(fleet), SEEN).toEqual(allFieldDevices('green', 'licensed'));
    await expect.poll(() => cloudCounts(page), SEEN).toEqual(counted(0));
    expect(await page.getByRole('button', { name: 'Next step' }).isDisabled()).toBe(true);
    await screenshot(page, 'demo-reprovisioned');
    // What the audience sees: the steps' end beside the fleet and the cloud's counts, one screen.
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-page.png') });
    await screenshot(fleet, 'fleet-reprovisioned');

    // Restart: a fresh fleet and portal behind the same address; both pages come back by themselves.
    await page.getByRole('button', { name: 'Restart' }).click();
    await expect.poll(() => statusOf(page, 0), SEEN).toBe('pending');
    await expect.poll(() => page.locator('#progress').textContent(), SEEN).toBe(`0 of ${texts.length} steps done`);
    expect(await page.getByRole('button', { name: 'Next step' }).isEnabled()).toBe(true);
    await expect.poll(() => fleet.locator('html').getAttribute('data-live'), SEEN).toBe('open');
    await expect.poll(async () => (await smartServers(fleet)).every((t) => t.includes('field devices 0 purple (unlicensed), 0 blue')), SEEN).toBe(true);
    // A fresh cloud has no Campus yet: the portal beside waits for step 2 again.
    await expect.poll(() => page.getByTitle('License Customer Portal').count(), SEEN).toBe(0);
    await screenshot(page, 'demo-restarted');
    await screenshot(fleet, 'fleet-restarted');
    await page.close();
    await fleet.close();
  }, 180_000);
});
