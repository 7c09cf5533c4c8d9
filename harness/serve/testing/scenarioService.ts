import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { httpClient, type HttpReply } from '../../../license-server/testing/httpTestClient.ts';
import { unwrap } from '../../../protocol/result.ts';
import { createCatalogue } from '../../catalogue.ts';
import { loadFiles } from '../../scenario/validateFiles.ts';
import { createService, type Service } from '../createService.ts';
import { MEMORY_STORE } from '../openStore.ts';
import { silentLogger } from '../serviceLog.ts';

/** Where a service answers and its administrator token: all a request needs. */
export type ServiceAddress = Pick<Service, 'httpUrl' | 'token'>;

export interface ScenarioServiceOptions {
  seed?: number;
  /** A temporary SQLite file (the default, as `serve` keeps its store), or memory. */
  store?: 'sqlite' | 'memory';
  /** Pause the service's clock, so only the test moves time and a `now` read twice is the same. */
  paused?: boolean;
}

/** An in-process `fleetrig serve` of one scenario file's fleet and portal, on free ports. */
export async function startScenarioService(scenarioFile: string, options: ScenarioServiceOptions = {}): Promise<Service> {
  const catalogue = createCatalogue();
  const loaded = await loadFiles([scenarioFile], catalogue);
  if (loaded.errors.length > 0) throw new Error(`${scenarioFile}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const store = options.store === 'memory' ? MEMORY_STORE : join(mkdtempSync(join(tmpdir(), `fleetrig-${basename(scenarioFile, '.yaml')}-`)), 'store.db');
  const service = unwrap(await createService({ catalogue, scenario: loaded.scenarios[0], seed: options.seed ?? 7, speed: 1, httpPort: 0, mqttPort: 0, store, logger: silentLogger }));
  if (options.paused === true) await service.clock.pause();
  return service;
}

/** A request to the service as the administrator (or with `token`, or none for `null`). */
export function call(service: ServiceAddress, method: string, path: string, body?: unknown, token: string | null = service.token): Promise<HttpReply> {
  return httpClient(service.httpUrl, token === null ? {} : { token }).call(method, path, body);
}

/** A portal user's token, as the administrator mints it (no page offers that): its secret. */
export async function mintToken(service: ServiceAddress, user: string, roles: readonly string[], accountId: string): Promise<string> {
  const minted = await call(service, 'POST', '/api/v1/tokens', { user, roles, accountId });
  if (minted.status !== 201) throw new Error(`minting a token for ${user}: HTTP ${minted.status} ${JSON.stringify(minted.body)}`);
  return minted.body.token as string;
}
