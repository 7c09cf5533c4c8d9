import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import { httpClient } from '../../license-server/testing/httpTestClient.ts';
import { createCatalogue } from '../catalogue.ts';
import { silentLogger } from './serviceLog.ts';
import { createService, type Service } from './createService.ts';

/**
 * A firmware developer's device, as docs/serve.md and docs/protocol.md describe it, with nothing
 * but HTTP, plain mqtt.js and node:crypto: registered, bound a license, downloading and
 * verifying it with the published vendor key.
 */
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
const rawPublicKey = (key: import('node:crypto').KeyObject): string =>
  (key.export({ format: 'der', type: 'spki' }) as Buffer).subarray(SPKI_ED25519.length).toString('base64url');
const verifier = (raw: string) => createPublicKey({ key: Buffer.concat([SPKI_ED25519, Buffer.from(raw, 'base64url')]), format: 'der', type: 'spki' });

// Test-side JSON: read as the docs describe it, asserted field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A request with the store's administrator token, as the operator of the rig sends it. */
async function call(service: Service, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, Json> }> {
  return httpClient(service.httpUrl, { token: service.token }).call(method, path, body);
}

describe('a foreign device on fleetrig serve', () => {
  const services: Service[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
  });
  const start = async (store: string) => {
    const service = unwrap(await createService({ catalogue: createCatalogue(), seed: 11, speed: 1, httpPort: 0, mqttPort: 0, store, logger: silentLogger }));
    services.push(service);
    return service;
  };

  it('[GW-2][GW-6] registers over HTTP, gets a license bound, downloads it over MQTT and verifies it offline', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'fleetrig-foreign-')), 'store.db');
    const service = await start(store);
    const keys = (await call(service, 'GET', '/api/v1/keys')).body;
    expect(keys).toMatchObject({ vendor: expect.stringMatching(/^[\w-]{43}$/), manufacturer: expect.stringMatching(/^[\w-]{43}$/) });

    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const registered = await call(service, 'POST', '/api/v1/devices', { family: 'gateway', publicKey: rawPublicKey(publicKey) });
    expect(registered).toMatchObject({ status: 201, body: { deviceId: 'gw-x001', family: 'gateway', mqtt: { username: 'gw-x001', password: expect.any(String) } } });
    const device = registered.body;
    expect(device.privateKey).toBeUndefined();
    // The certificate is the manufacturer's: CRT1.<payload>.<signature of "CRT1.<payload>">.
    const [kind, payload, signature] = (device.certificate as string).split('.');
    expect(verify(null, Buffer.from(`${kind}.${payload}`), verifier(keys.manufacturer), Buffer.from(signature!, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ hardwareId: device.hardwareId, devicePublicKey: rawPublicKey(publicKey) });

    const order = await call(service, 'POST', '/api/v1/orders', { accountId: 'acme', items: [{ featureCode: 'Port', count: 4 }] });
    const [license] = (await call(service, 'POST', '/api/v1/accounts/acme/activations', { activationKey: order.body.activationKey })).body.licenses;
    expect(await call(service, 'POST', `/api/v1/gateway/licenses/${license.id}/bind`, { hardwareId: device.hardwareId })).toMatchObject({ status: 200 });

    const client = await mqtt.connectAsync(device.mqtt.url, { username: device.mqtt.username, password: device.mqtt.password, clientId: device.deviceId, reconnectPeriod: 0 });
    try {
      const root = `fleetrig/v1/dev/${device.deviceId}`;
      await client.subscribeAsync(`${root}/res`, { qos: 1 });
      const reply = new Promise<Json>((resolve) => client.on('message', (_topic, message) => resolve(JSON.parse(message.toString()))));
      // The proof, as protocol.md §4 says: the device key's signature of op, request ID and hardware ID.
      const proof = sign(null, Buffer.from(['gateway.download', 'r1', device.hardwareId].join('\n')), privateKey).toString('base64url');
      const download = { id: 'r1', op: 'gateway.download', deviceId: device.deviceId, body: { hardwareId: device.hardwareId, certificate: device.certificate, proof } };
      await client.publishAsync(`${root}/req`, JSON.stringify(download), { qos: 1 });
      const answer = await reply;
      expect(answer).toMatchObject({ id: 'r1', ok: true });
      const [file] = answer.body.files as string[];
      const [lic, body, sig] = file!.split('.');
      expect(lic).toBe('LIC1');
      expect(verify(null, Buffer.from(`${lic}.${body}`), verifier(keys.vendor), Buffer.from(sig!, 'base64url'))).toBe(true);
      expect(JSON.parse(Buffer.from(body!, 'base64url').toString())).toMatchObject({ licenseId: license.id, hardwareId: device.hardwareId, featureCode: 'Port', count: 4 });
    } finally {
      await client.endAsync();
    }
  });

  it('makes a key pair when given none, refuses bad registrations naming the field, and admits the device again after a restart', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'fleetrig-foreign-')), 'store.db');
    const first = await start(store);
    const made = await call(first, 'POST', '/api/v1/devices', { family: 'smartserver', hardwareId: 'SS-LAB-7' });
    expect(made).toMatchObject({ status: 201, body: { deviceId: 'ss-x001', hardwareId: 'SS-LAB-7', privateKey: expect.stringMatching(/^[\w-]{43}$/) } });
    for (const [body, where] of [
      [{ family: 'toaster' }, 'family'],
      [{ family: 'gateway', publicKey: 'short' }, 'publicKey'],
      [{ family: 'gateway', hardwareId: 'has space' }, 'hardwareId'],
      [{ family: 'gateway', extra: 1 }, '(root)'],
      [['gateway'], '(root)'],
    ] as const) {
      expect(await call(first, 'POST', '/api/v1/devices', body), JSON.stringify(body)).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where } });
    }
    expect(await call(first, 'POST', '/api/v1/devices', { family: 'smartserver', hardwareId: 'SS-LAB-7' })).toMatchObject({ status: 409, body: { error: 'CONFLICT', where: 'hardwareId' } });
    await first.close();

    const second = await start(store);
    const client = await mqtt.connectAsync(second.mqttUrl, { username: 'ss-x001', password: made.body.mqtt.password, clientId: 'ss-x001', reconnectPeriod: 0 });
    await client.endAsync();
    expect((await call(second, 'POST', '/api/v1/devices', { family: 'gateway' })).body.deviceId).toBe('gw-x001');
  });
});
