import type { Browser } from 'playwright-core';
import type { HttpReply } from '../../../license-server/testing/httpTestClient.ts';
import { launchChromium } from '../../../test/browser/launchChromium.ts';
import type { Service } from '../createService.ts';
import { call, startScenarioService, type ScenarioServiceOptions } from './scenarioService.ts';

/** Playwright's retrying assertions wait this long for a page's refresh (once a second, or on the live feed). */
export const SEEN = { timeout: 10_000 };

/** What a browser test stands on: Debian's Chromium, and `fleetrig serve` of one scenario's fleet. */
export interface BrowserRig {
  readonly browser: Browser;
  readonly service: Service;
  /** A request to the service with the administrator's token: set-up no page offers, and the clock. */
  api(method: string, path: string, body?: unknown): Promise<HttpReply>;
  /** Moves virtual time on, as the demo's clock controls do (a boot's seconds, a term's months). */
  advance(by: string): Promise<HttpReply>;
  close(): Promise<void>;
}

export type BrowserRigOptions = ScenarioServiceOptions;

/**
 * Launches Chromium and an in-process service on free ports with `scenarioFile`'s fleet and
 * portal. The fleet is booting when this returns: the test skips the boot with `advance`, on
 * the clock, as a person would with the demo's controls.
 */
export async function startBrowserRig(scenarioFile: string, options: BrowserRigOptions = {}): Promise<BrowserRig> {
  const service = await startScenarioService(scenarioFile, options);
  const browser = await launchChromium().catch(async (error: unknown) => {
    await service.close();
    throw error;
  });
  const api = (method: string, path: string, body?: unknown) => call(service, method, path, body);
  return {
    browser,
    service,
    api,
    advance: (by) => api('POST', '/api/v1/clock/advance', { by }),
    async close() {
      await browser.close();
      await service.close();
    },
  };
}
