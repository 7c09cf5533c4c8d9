import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from '../../license-server/testing/httpTestClient.ts';
import { unwrap } from '../../protocol/result.ts';
import { createCatalogue } from '../catalogue.ts';
import { createService, type Service } from './createService.ts';
import { silentLogger } from './serviceLog.ts';

const REPO = join(import.meta.dirname, '..', '..');

/** The Python block of docs/firmware-developers.md between its paho markers. */
function pahoExample(): string {
  const doc = readFileSync(join(REPO, 'docs', 'firmware-developers.md'), 'utf8');
  const block = /<!-- paho:start -->\s*```python\n([\s\S]*?)```\s*<!-- paho:end -->/.exec(doc);
  if (!block) throw new Error('docs/firmware-developers.md has no paho block');
  return block[1]!;
}

/** A Python 3 that has paho-mqtt and cryptography: Debian's, which .ci/system-deps fills, else the one on PATH. */
function python(): string {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(candidate, ['-c', 'import paho.mqtt.client, cryptography'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error('no python3 with paho-mqtt and cryptography: run .ci/system-deps (Debian\'s python3-paho-mqtt, python3-cryptography)');
}

describe("docs/firmware-developers.md's Python example against fleetrig serve", () => {
  let service: Service;
  const work = mkdtempSync(join(tmpdir(), 'fleetrig-paho-'));
  beforeAll(async () => {
    service = unwrap(await createService({ catalogue: createCatalogue(), seed: 5, speed: 1, httpPort: 0, mqttPort: 0, store: join(work, 'store.db'), logger: silentLogger }));
  });
  afterAll(async () => {
    await service.close();
  });

  // Asynchronously: the service answers in this process while the script runs.
  const run = (): Promise<{ status: number | null; stdout: string; stderr: string }> => {
    writeFileSync(join(work, 'download.py'), pahoExample());
    return new Promise((resolve) => {
      execFile(python(), ['download.py', 'device.json', 'keys.json'], { cwd: work, encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      });
    });
  };

  it('[GW-2][GW-6] downloads the bound license over MQTT with paho and verifies it with the published vendor key', async () => {
    const api = httpClient(service.httpUrl, { token: service.token });
    const device = (await api.call('POST', '/api/v1/devices', { family: 'gateway' })).body;
    writeFileSync(join(work, 'device.json'), JSON.stringify(device));
    writeFileSync(join(work, 'keys.json'), JSON.stringify((await api.call('GET', '/api/v1/keys')).body));
    const order = await api.call('POST', '/api/v1/orders', { accountId: 'acme', items: [{ featureCode: 'Port', count: 4 }] });
    const [license] = (await api.call('POST', '/api/v1/accounts/acme/activations', { activationKey: order.body.activationKey })).body.licenses as { id: string }[];
    expect(await api.call('POST', `/api/v1/gateway/licenses/${license!.id}/bind`, { hardwareId: device.hardwareId })).toMatchObject({ status: 200 });

    const downloaded = await run();
    expect(downloaded.stderr).toBe('');
    expect(downloaded.status).toBe(0);
    expect(downloaded.stdout).toBe(`verified Port x4 for ${String(device.hardwareId)}\n`);
  });

  it('[GW-6] exits 1 with the portal\'s refusal when the key is not the certified one', async () => {
    const api = httpClient(service.httpUrl, { token: service.token });
    const [mine, other] = [(await api.call('POST', '/api/v1/devices', { family: 'gateway' })).body, (await api.call('POST', '/api/v1/devices', { family: 'gateway' })).body];
    writeFileSync(join(work, 'device.json'), JSON.stringify({ ...mine, privateKey: other.privateKey }));
    const refused = await run();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^refused PROOF_INVALID: /);
  });
});
