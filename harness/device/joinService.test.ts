import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import { createCatalogue } from '../catalogue.ts';
import { createService, type Service } from '../serve/createService.ts';
import { silentLogger } from '../serve/serviceLog.ts';
import { runDevice, type RunningDevice } from './runDevice.ts';

describe('fleetrig device --server: one appliance joins a running service', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const thing of open.splice(0).reverse()) await thing.close();
  });

  async function service(): Promise<Service> {
    const store = join(mkdtempSync(join(tmpdir(), 'fleetrig-join-')), 'store.db');
    const started = unwrap(await createService({ catalogue: createCatalogue(), seed: 5, speed: 1, httpPort: 0, mqttPort: 0, store, logger: silentLogger }));
    open.push(started);
    return started;
  }
  const clients = async (s: Service): Promise<number> => Number(/fleetrig_broker_clients (\d+)/.exec(await (await fetch(`${s.httpUrl}/metrics`)).text())![1]);

  it('registers with its own hardware ID and key, and connects to the service broker as the device it was given', async () => {
    const s = await service();
    const before = await clients(s);
    const device = unwrap(await runDevice({ family: 'gateway', serial: { kind: 'tcp', port: 0 }, seed: 9, serverUrl: s.httpUrl, token: s.token })) as RunningDevice;
    open.push(device);
    expect(device.deviceId).toBe('gw-x001');
    expect(device.transport).toContain(s.httpUrl);
    expect(await clients(s)).toBe(before + 1);
  });

  it('says why it cannot join: no service there, or no token', async () => {
    const s = await service();
    expect(await runDevice({ family: 'gateway', serial: { kind: 'tcp', port: 0 }, seed: 9, serverUrl: s.httpUrl }))
      .toMatchObject({ ok: false, error: { code: 'SERVICE_UNREACHABLE', message: expect.stringContaining('401') } });
    expect(await runDevice({ family: 'gateway', serial: { kind: 'tcp', port: 0 }, seed: 9, serverUrl: 'http://127.0.0.1:1', token: s.token }))
      .toMatchObject({ ok: false, error: { code: 'SERVICE_UNREACHABLE', where: 'server' } });
  });
});
