import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../../test/browser/screenshot.ts';
import { SEEN, startBrowserRig, type BrowserRig } from './testing/browserRig.ts';

const SCENARIO = join(import.meta.dirname, '..', '..', 'test', 'browser', 'mixed-fleet.yaml');

/** One device of each family: its states as the machine view names them, and where it rests once booted. */
const DEVICES = [
  { deviceId: 'gw-001', family: 'gateway', substates: ['running.normal', 'running.testMode'], rest: 'running.normal' },
  { deviceId: 'ss-001', family: 'smartserver', substates: ['running.idle', 'running.claiming', 'running.activating', 'running.transferring'], rest: 'running.idle' },
  { deviceId: 'cl-001', family: 'video', substates: ['running.manual', 'running.automatic'], rest: 'running.manual' },
  { deviceId: 'audio-001', family: 'audio', substates: ['running.starting', 'running.unenrolled', 'running.enrolled'], rest: 'running.unenrolled' },
] as const;

describe('the machine view on every family\'s device page, in Chromium', () => {
  let rig: BrowserRig;
  /** The boots' virtual seconds, skipped through the clock API as the demo's clock controls do. */
  const skipBoot = () => rig.advance('1m');

  beforeAll(async () => {
    rig = await startBrowserRig(SCENARIO);
    await skipBoot();
  });
  afterAll(() => rig?.close());

  const machine = (page: Page) => page.getByRole('region', { name: 'State machine' });
  const stateBox = (page: Page, path: string) => machine(page).getByRole('group', { name: `State ${path}`, exact: true });
  /** Whether a state's own box shows the word `current` (its substates' marks are inside it too, so look at the name line). */
  const labelledCurrent = (page: Page, path: string) => stateBox(page, path).getByText('current', { exact: true }).first().isVisible();
  const transitionRow = (page: Page, n: number) => machine(page).getByRole('table', { name: 'Latest transitions' }).getByRole('row').nth(n);

  for (const { deviceId, family, substates, rest } of DEVICES) {
    it(`draws the ${family}'s machine, marks the current state, and shows a reboot's transitions`, async () => {
      const page = await rig.browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${rig.service.httpUrl}/devices/${deviceId}/#token=${rig.service.token}`);
      await expect.poll(() => machine(page).getByRole('heading', { name: 'State machine' }).isVisible(), SEEN).toBe(true);

      for (const path of ['off', 'booting', 'running', ...substates]) {
        await expect.poll(() => stateBox(page, path).isVisible(), SEEN).toBe(true);
      }
      await expect.poll(() => machine(page).getByRole('status').textContent(), SEEN).toBe(`Current state: ${rest}`);
      await expect.poll(() => labelledCurrent(page, rest), SEEN).toBe(true);
      expect(await labelledCurrent(page, 'off')).toBe(false);
      expect(await labelledCurrent(page, 'booting')).toBe(false);
      // Each state lists its ways out with the events that take them.
      expect(await stateBox(page, 'off').getByRole('list', { name: 'Transitions from off' }).textContent()).toContain('POWER_ON → booting');
      expect(await stateBox(page, 'booting').textContent()).toMatch(/after:bootTime \(\d+ s\) → running/);
      await expect.poll(() => machine(page).getByRole('table', { name: 'Latest transitions' }).textContent(), SEEN).toContain('POWER_ONoffbooting');

      await page.getByRole('main').getByRole('button', { name: 'Reboot', exact: true }).click();
      await expect.poll(() => machine(page).getByRole('status').textContent(), SEEN).toBe('Current state: booting');
      await expect.poll(() => labelledCurrent(page, 'booting'), SEEN).toBe(true);
      await expect.poll(() => transitionRow(page, 1).textContent(), SEEN).toMatch(new RegExp(`RESET${rest.replace('.', '\\.')}booting$`));

      await skipBoot();
      await expect.poll(() => machine(page).getByRole('status').textContent(), SEEN).toBe(`Current state: ${rest}`);
      // Newest first: the boot's delay took it from booting into running, after the RESET.
      const rows = machine(page).getByRole('table', { name: 'Latest transitions' }).getByRole('row');
      const texts = await rows.allTextContents();
      const reset = texts.findIndex((t) => t.includes('RESET'));
      expect(reset).toBeGreaterThan(0);
      expect(texts.slice(1, reset).join(' ')).toContain('after:bootTimebooting');
      expect(texts[1]).toMatch(new RegExp(`${rest.replace('.', '\\.')}$`));
      expect(await rows.first().getByRole('columnheader').allTextContents()).toEqual(['Virtual time', 'Event', 'From', 'To']);
      await screenshot(page, `device-page-${family}`);
      await page.close();
    }, 60_000);
  }
});
