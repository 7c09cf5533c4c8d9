import { describe, expect, it } from 'vitest';
import { launchChromium } from './launchChromium.ts';

describe('the browser suite\'s Chromium', () => {
  it('launches Debian\'s headless Chromium and renders a page', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent('<main><h1>fleetrig</h1></main>');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('fleetrig');
    } finally {
      await browser.close();
    }
  });

  it('fails naming the package when Chromium is not installed', async () => {
    await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow(/install Debian's package "chromium"/);
  });
});
