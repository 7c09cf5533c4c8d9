import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { httpClient, type HttpReply } from '../../../license-server/testing/httpTestClient.ts';
import { unwrap } from '../../../protocol/result.ts';
import { launchChromium } from '../../../test/browser/launchChromium.ts';
import { createCatalogue } from '../../catalogue.ts';
import { loadFiles } from '../../scenario/validateFiles.ts';
import { createService, type Service } from '../createService.ts';
import { MEMORY_STORE } from '../openStore.ts';
import { silentLogger } from '../serviceLog.ts';

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

export interface BrowserRigOptions {
  seed?: number;
  /** A temporary SQLite file (the default, as `serve` keeps its store), or memory. */
  store?: 'sqlite' | 'memory';
  /** Pause the service's clock, so only the test moves time. */
  paused?: boolean;
}

/**
 * Launches Chromium and an in-process service on free ports with `scenarioFile`'s fleet and
 * portal. The fleet is booting when this returns: the test skips the boot with `advance`, on
 * the clock, as a person would with the demo's controls.
 */
export async function startBrowserRig(scenarioFile: string, options: BrowserRigOptions = {}): Promise<BrowserRig> {
  const catalogue = createCatalogue();
  const loaded = await loadFiles([scenarioFile], catalogue);
  if (loaded.errors.length > 0) throw new Error(`${scenarioFile}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const store = options.store === 'memory' ? MEMORY_STORE : join(mkdtempSync(join(tmpdir(), `fleetrig-${basename(scenarioFile, '.yaml')}-`)), 'store.db');
  const service = unwrap(await createService({ catalogue, scenario: loaded.scenarios[0], seed: options.seed ?? 7, speed: 1, httpPort: 0, mqttPort: 0, store, logger: silentLogger }));
  if (options.paused === true) await service.clock.pause();
  const browser = await launchChromium().catch(async (error: unknown) => {
    await service.close();
    throw error;
  });
  const api = (method: string, path: string, body?: unknown) => httpClient(service.httpUrl, { token: service.token }).call(method, path, body);
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
