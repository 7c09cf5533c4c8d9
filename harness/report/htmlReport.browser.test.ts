import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../test/browser/launchChromium.ts';
import { screenshot } from '../../test/browser/screenshot.ts';
import { main } from '../cli/cli.ts';

/** Two scenarios that pass and one that fails, with behaviour IDs GW-5, GW-6 and GW-9. */
const SCENARIOS = join(import.meta.dirname, '..', '..', 'test', 'docExamples', 'cli-failure.yaml');

describe('the HTML report (--reporter html), in Chromium', () => {
  let browser: Browser;
  let report: string;

  beforeAll(async () => {
    report = join(mkdtempSync(join(tmpdir(), 'fleetrig-html-report-')), 'run.html');
    const quiet = { write: () => true };
    expect(await main(['run', SCENARIOS, '--seed', '3', '--reporter', 'html', '--output-file', `html=${report}`], { stdout: quiet, stderr: quiet, env: {} })).toBe(1);
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('[GW-5][GW-9] opens from disk with no network request, shows the failure with expected and actual, the steps and each device\'s timeline, and filters', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(report).href);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);

    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^2 scenarios: 1 passed, 1 failed · seed 3 · /);
    const failed = page.getByRole('region', { name: /failed .*downloaded licenses are in force at once/ });
    await expect.poll(() => failed.getByRole('alert').textContent()).toContain('expected: 5');
    expect(await failed.getByRole('alert').textContent()).toContain('actual:   0');
    const steps = failed.getByRole('table', { name: 'Steps' });
    expect(await steps.getByRole('row').nth(4).textContent()).toContain('failed');
    expect(await steps.getByRole('row').nth(1).textContent()).toContain('passed');
    await failed.getByText(/^gw-001 · \d+ events$/).click();
    expect(await failed.getByRole('cell', { name: 'booting (POWER_ON)', exact: false }).count()).toBeGreaterThan(0);
    await screenshot(page, 'html-report');

    // Only the failures; then only GW-9, which passed: none shown.
    await page.getByRole('checkbox', { name: 'passed' }).uncheck();
    await expect.poll(() => page.getByText(/scenarios shown$/).textContent()).toBe('1 of 2 scenarios shown');
    await page.getByRole('combobox', { name: 'Behaviour' }).selectOption('GW-9');
    await expect.poll(() => page.getByText(/scenarios shown$/).textContent()).toBe('0 of 2 scenarios shown');
    await page.getByRole('checkbox', { name: 'passed' }).check();
    await expect.poll(() => page.getByText(/scenarios shown$/).textContent()).toBe('1 of 2 scenarios shown');
    await page.close();
  });
});
