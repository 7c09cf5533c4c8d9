import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../../test/browser/screenshot.ts';
import type { Service } from './createService.ts';
import { SEEN, startBrowserRig, type BrowserRig } from './testing/browserRig.ts';

const SCENARIO = join(import.meta.dirname, '..', '..', 'test', 'browser', 'mixed-fleet.yaml');
/** Nothing in the fleet is licensed; a SmartServer also counts its field devices, none yet. */
const NONE_YET = '; field devices 0 purple (unlicensed), 0 blue (unprovisioned), 0 green (provisioned)';
const FAMILIES = { gateway: ['gw-001', 'gw-002', 'gw-003'], smartserver: ['ss-001', 'ss-002'], video: ['cl-001', 'cl-002'], audio: ['audio-001', 'audio-002'] };

describe('the fleet view at /, in Chromium', () => {
  let rig: BrowserRig;
  let browser: Browser;
  let service: Service;

  beforeAll(async () => {
    rig = await startBrowserRig(SCENARIO, { store: 'memory', paused: true });
    ({ browser, service } = rig);
    // The boot, skipped through the clock API as the demo's clock controls do.
    await rig.advance('10m');
  });
  afterAll(() => rig?.close());

  const items = (page: Page, family: string) => page.getByRole('list', { name: `${family} devices` }).getByRole('listitem');
  const seq = (page: Page) => page.evaluate(() => Number(document.documentElement.dataset.seq));

  it('lists every device of every family with its state in words, hides a family, opens a device from its tile, and resumes after a dropped feed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(`${service.httpUrl}/`);
    await expect.poll(() => page.locator('html').getAttribute('data-live'), SEEN).toBe('open');
    for (const [family, ids] of Object.entries(FAMILIES)) {
      await expect.poll(() => items(page, family).allTextContents(), SEEN).toEqual(ids.map((id) => `${id}: unlicensed${family === 'smartserver' ? NONE_YET : ''}`));
      const states = await items(page, family).evaluateAll((els) => els.map((el) => `${el.getAttribute('data-device-id')}: ${el.getAttribute('data-state')}`));
      expect((await items(page, family).allTextContents()).map((t) => t.split(';')[0])).toEqual(states);
    }
    expect(await page.locator('#groups').getByRole('region').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).toEqual(Object.keys(FAMILIES));
    await screenshot(page, 'fleet-view-mixed');

    // The family filter hides a family's group, and shows it again.
    const video = page.getByRole('checkbox', { name: 'video' });
    await video.click();
    await expect.poll(() => page.getByRole('region', { name: 'video' }).isHidden(), SEEN).toBe(true);
    expect(await page.getByRole('region', { name: 'audio' }).isVisible()).toBe(true);
    await screenshot(page, 'fleet-view-video-hidden');
    await video.click();
    await expect.poll(() => page.getByRole('region', { name: 'video' }).isVisible(), SEEN).toBe(true);

    // A dropped feed: the page reconnects and carries on from its sequence number, without a reload.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    const before = await seq(page);
    expect(sockets).toHaveLength(1);
    await page.evaluate(() => (window as unknown as { fleetView: { live: { drop(): void } } }).fleetView.live.drop());
    await expect.poll(() => sockets.length, SEEN).toBe(2);
    expect(sockets[1]).toMatch(/\/api\/v1\/live\?since=\d+&stream=/);
    await expect.poll(() => page.locator('html').getAttribute('data-live'), SEEN).toBe('open');
    await rig.advance('1m');
    await expect.poll(() => seq(page), SEEN).toBeGreaterThan(before);
    const after = await seq(page);
    await rig.advance('1m');
    await expect.poll(() => seq(page), SEEN).toBeGreaterThan(after);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect.poll(() => items(page, 'gateway').count(), SEEN).toBe(FAMILIES.gateway.length);

    // A click on a tile opens that device's own page.
    const centre = await page.evaluate(() => (window as unknown as { fleetView: { tileCenter(id: string): { x: number; y: number } | undefined } }).fleetView.tileCenter('gw-002'));
    expect(centre).toBeDefined();
    await page.mouse.click(centre!.x, centre!.y);
    await page.waitForURL(`${service.httpUrl}/devices/gw-002/`, SEEN);
    await screenshot(page, 'fleet-view-opened-gw-002');
    await page.close();
  }, 60_000);
});
