import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpClient, type HttpReply } from '../../license-server/testing/httpTestClient.ts';
import { downloadAsDevice, type RegisteredDevice } from './testing/downloadAsDevice.ts';
import { spawnServe, type SpawnedServe } from './testing/spawnServe.ts';


/** `fleetrig serve` on free ports and `store`, as its own process. */
const serve = (store: string): Promise<SpawnedServe> => spawnServe(['--http-port', '0', '--mqtt-port', '0', '--store', store, '--seed', '3']);

function post(service: SpawnedServe, path: string, body: unknown): Promise<HttpReply> {
  return httpClient(service.http, { token: service.token }).call('POST', path, body);
}

describe('fleetrig serve killed mid-write and started again on its store', () => {
  const processes: ChildProcess[] = [];
  afterEach(() => {
    for (const child of processes.splice(0)) child.kill('SIGKILL');
  });

  it('[GW-2][GW-6] serves a foreign device its license, keeps every acknowledged activation exactly once through a SIGKILL, and serves the device again', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'fleetrig-kill-')), 'store.db');
    const first = await serve(store);
    processes.push(first.child);
    const device = (await post(first, '/api/v1/devices', { family: 'gateway' })).body as unknown as RegisteredDevice;
    const bound = (await post(first, '/api/v1/orders', { accountId: 'acme', items: [{ featureCode: 'Port', count: 4 }] })).body.activationKey;
    const [license] = (await post(first, '/api/v1/accounts/acme/activations', { activationKey: bound })).body.licenses as { id: string }[];
    expect(await post(first, `/api/v1/gateway/licenses/${license!.id}/bind`, { hardwareId: device.hardwareId })).toMatchObject({ status: 200 });
    expect(await downloadAsDevice(first, device, 'before-kill')).toEqual([license!.id]);
    const keys: string[] = [];
    for (let i = 0; i < 100; i++) {
      keys.push((await post(first, '/api/v1/orders', { accountId: 'acme', items: [{ featureCode: 'Port', count: 1 }] })).body.activationKey as string);
    }

    // 100 activations at once; the process dies by SIGKILL once a third are acknowledged.
    const acknowledged = new Set<string>();
    const sent = keys.map((activationKey) => post(first, '/api/v1/accounts/acme/activations', { activationKey })
      .then((reply) => {
        if (reply.status === 201) acknowledged.add(activationKey);
        if (acknowledged.size === 33) first.child.kill('SIGKILL');
      }, () => undefined));
    await Promise.all(sent);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(acknowledged.size).toBeGreaterThanOrEqual(33);
    // The token is the store's: the service started again hands out the same one.
    const firstToken = first.token;

    const second = await serve(store);
    processes.push(second.child);
    expect(second.token).toBe(firstToken);
    const listed = (await httpClient(second.http, { token: second.token }).call('GET', '/api/v1/accounts/acme/licenses')).body as { licenses: { activationKey: string }[] };
    const perKey = new Map<string, number>();
    for (const license of listed.licenses) perKey.set(license.activationKey, (perKey.get(license.activationKey) ?? 0) + 1);
    for (const key of acknowledged) expect(perKey.get(key), `acknowledged ${key}`).toBe(1);
    for (const count of perKey.values()) expect(count).toBe(1);
    // What was in flight is either whole or not there: activating it again says which.
    for (const key of keys.filter((k) => !acknowledged.has(k))) {
      const again = await post(second, '/api/v1/accounts/acme/activations', { activationKey: key });
      if (again.status === 201) expect(perKey.has(key), `${key} activated now, so not before`).toBe(false);
      else expect({ error: again.body.error, before: perKey.has(key) }, key).toEqual({ error: 'ACTIVATION_KEY_USED', before: true });
    }

    // The device's login, certificate and binding survived: it downloads its license again.
    expect(await downloadAsDevice(second, device, 'after-restart')).toEqual([license!.id]);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 60_000);
});
