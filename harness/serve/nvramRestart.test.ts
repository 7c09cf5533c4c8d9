import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayState } from '../../firmware-sim/gateway/Gateway.ts';
import type { SmartServerState } from '../../firmware-sim/smartserver/SmartServer.ts';
import { httpClient } from '../../license-server/testing/httpTestClient.ts';
import { unwrap } from '../../protocol/result.ts';
import { loadFiles } from '../scenario/validateFiles.ts';
import { createService, type Service } from './createService.ts';
import { NVRAM_KIND } from './fleetNvram.ts';
import { openStore } from './openStore.ts';
import { silentLogger, type ServiceLogger } from './serviceLog.ts';
import { bindGatewayLicense } from './testing/bindGatewayLicense.ts';
import { consoleCatalogue, type ConsoleCatalogue } from './testing/consoleCatalogue.ts';

const CUSTOMER = '2133c667-af41-4518-94df-a2bb3b775330';

/** A scenario file of this fleet, always at the same path under the same name: the same identities. */
function scenarioFile(dir: string, fleet: string): string {
  const file = join(dir, 'fleet.yaml');
  writeFileSync(file, `name: nvram across restarts\nfleet:\n${fleet}\nsteps:\n  - advance: 1m\n`);
  return file;
}

interface Started {
  service: Service;
  devices: ConsoleCatalogue;
}

describe('fleetrig serve keeps each emulated appliance\'s NVRAM in its store', () => {
  const services: Service[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
  });
  const dir = () => mkdtempSync(join(tmpdir(), 'fleetrig-nvram-'));

  /** The service on `store` with the scenario's fleet, booted (a virtual minute on). */
  async function start(store: string, scenarioPath: string, logger: ServiceLogger = silentLogger): Promise<Started> {
    const devices = consoleCatalogue();
    const [scenario] = (await loadFiles([scenarioPath], devices.catalogue)).scenarios;
    const service = unwrap(await createService({ catalogue: devices.catalogue, scenario, seed: 5, speed: 1, httpPort: 0, mqttPort: 0, store, logger }));
    services.push(service);
    const { call } = httpClient(service.httpUrl, { token: service.token });
    await call('POST', '/api/v1/clock/advance', { by: '1m' });
    expect((await call('GET', '/readyz')).status).toBe(200);
    return { service, devices };
  }
  const stop = async ({ service }: Started) => {
    services.splice(services.indexOf(service), 1);
    await service.close();
  };
  const gateway = (s: Started, id = 'gw-001') => s.devices.appliance(id).snapshot() as GatewayState;
  const smartserver = (s: Started) => s.devices.appliance('ss-001').snapshot() as SmartServerState;

  it('[GW-4][GW-5][GW-6][SS-3] boots each appliance into what it had committed, and loses what was only in RAM, as a power cycle does', async () => {
    const store = join(dir(), 'store.db');
    const scenario = scenarioFile(dir(), '  - family: gateway\n  - family: smartserver');
    const first = await start(store, scenario);
    const hardwareId = gateway(first).hardwareId;
    const licenseId = await bindGatewayLicense(first.service, hardwareId);
    expect(await first.devices.type('gw-001', 'download')).toBe(`installed ${licenseId}\nremoved none\nunchanged none\nreboot to apply`);
    expect(gateway(first)).toMatchObject({ licenses: [], pendingReset: true, pending: { install: [licenseId] } });
    expect(await first.devices.type('ss-001', `customerid ${CUSTOMER}`)).toMatch(/typed/);
    expect(await first.devices.type('ss-001', 'save')).toBe(`customer ID ${CUSTOMER} saved`);
    // Typed but not saved: RAM only.
    await first.devices.type('ss-001', 'customerid 00000000-0000-4000-8000-000000000000');
    expect(smartserver(first)).toMatchObject({ customerId: CUSTOMER, customerIdEdited: true });
    await stop(first);

    const second = await start(store, scenario);
    // The same board (identities derive from the store's seed), booted into its saved licenses: now in force.
    expect(gateway(second)).toMatchObject({ hardwareId, licenses: [{ licenseId, featureCode: 'Mobility', count: 5, status: 'active' }], pendingReset: false, nvramProblem: null });
    expect(smartserver(second)).toMatchObject({ customerId: CUSTOMER, customerIdEdited: false, nvramProblem: null });
    // [GW-5] deleted, the license stays in force until the next boot; that state is RAM, and a restart is a boot.
    expect(await second.devices.type('gw-001', `delete ${licenseId}`)).toBe(`deleted ${licenseId}; reboot to apply`);
    expect(gateway(second)).toMatchObject({ licenses: [{ licenseId }], pending: { removal: [licenseId] } });
    await stop(second);

    const third = await start(store, scenario);
    expect(gateway(third)).toMatchObject({ licenses: [], pendingReset: false });
    expect(await third.devices.type('gw-001', 'licenses')).toBe('no licenses installed');
  });

  it('[GW-7] starts a device added to the fleet blank, and keeps the image of one removed for when it comes back', async () => {
    const store = join(dir(), 'store.db');
    const scenarios = dir();
    const one = await start(store, scenarioFile(scenarios, '  - family: gateway'));
    const hardwareId = gateway(one).hardwareId;
    expect(await one.devices.type('gw-001', 'adduser alice')).toBe('added alice: no licenses');
    await stop(one);

    const two = await start(store, scenarioFile(scenarios, '  - family: gateway\n    count: 2'));
    expect(gateway(two).hardwareId).toBe(hardwareId);
    expect(await two.devices.type('gw-001', 'users')).toBe('alice: no licenses');
    expect(await two.devices.type('gw-002', 'users')).toBe('no PBX users');
    await stop(two);

    const none = await start(store, scenarioFile(scenarios, '  - family: smartserver'));
    expect(none.service.devices).toBe(1);
    await stop(none);

    const back = await start(store, scenarioFile(scenarios, '  - family: gateway'));
    expect(gateway(back).hardwareId).toBe(hardwareId);
    expect(await back.devices.type('gw-001', 'users')).toBe('alice: no licenses');
  });

  it('builds the same boards under the same keys whether the scenario is named by an absolute or a relative path', async () => {
    const store = join(dir(), 'store.db');
    const scenario = scenarioFile(dir(), '  - family: gateway');
    const keys = (s: Started) => httpClient(s.service.httpUrl).call('GET', '/api/v1/keys');
    const absolute = await start(store, scenario);
    const before = { hardwareId: gateway(absolute).hardwareId, keys: (await keys(absolute)).body };
    await absolute.devices.type('gw-001', 'adduser alice');
    await stop(absolute);

    const relativeTo = await start(store, relative(process.cwd(), scenario));
    expect({ hardwareId: gateway(relativeTo).hardwareId, keys: (await keys(relativeTo)).body }).toEqual(before);
    expect(await relativeTo.devices.type('gw-001', 'users')).toBe('alice: no licenses');
  });

  it('logs a bad image in the store and boots that device blank rather than failing to start', async () => {
    const path = join(dir(), 'store.db');
    const { store } = await openStore(path);
    await store.transaction((tx) => tx.records.put({ kind: NVRAM_KIND, id: 'gw-001', accountId: null, data: { format: 'fleetrig.nvram/1', image: '%%%' }, updatedAt: 0 }));
    await store.close();
    const warnings: { fields: Record<string, unknown>; message: string }[] = [];
    const logger: ServiceLogger = { info: () => {}, warn: (fields, message) => void warnings.push({ fields, message }) };

    const started = await start(path, scenarioFile(dir(), '  - family: gateway'), logger);
    expect(gateway(started)).toMatchObject({ state: 'running', licenses: [], nvramProblem: null });
    expect(warnings).toEqual([{
      message: 'nvram image refused',
      fields: { device: 'gw-001', reason: expect.stringMatching(/^the saved NVRAM image of gw-001: family: /) },
    }]);
  });
});
