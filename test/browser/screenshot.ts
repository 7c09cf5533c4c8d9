import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where `npm run test:browser` leaves a picture of every page it visits (gitignored with reports/). */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'reports', 'screenshots');

/** Saves the whole page as `reports/screenshots/<name>.png` and returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
