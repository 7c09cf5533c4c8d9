import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import mqtt from 'mqtt';
import { expect } from 'vitest';
import { httpClient } from '../../../license-server/testing/httpTestClient.ts';

/** What `POST /api/v1/devices` answered, as far as a device needs it. */
export interface RegisteredDevice { deviceId: string; hardwareId: string; certificate: string; privateKey: string; mqtt: { password: string } }

// Raw Ed25519 keys as the API gives them (base64url), in the DER wrappers node:crypto takes.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * As the registered device, with plain mqtt.js and the documented topics only: a proven
 * gateway.download (protocol.md §4). Returns the licence IDs of the files the vendor key verifies.
 */
export async function downloadAsDevice(service: { http: string; mqtt: string }, device: RegisteredDevice, requestId: string): Promise<string[]> {
  const vendor = (await httpClient(service.http).call('GET', '/api/v1/keys')).body.vendor as string;
  const vendorKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519, Buffer.from(vendor, 'base64url')]), format: 'der', type: 'spki' });
  const deviceKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, Buffer.from(device.privateKey, 'base64url')]), format: 'der', type: 'pkcs8' });
  const proof = sign(null, Buffer.from(['gateway.download', requestId, device.hardwareId].join('\n')), deviceKey).toString('base64url');
  const client = await mqtt.connectAsync(service.mqtt, { username: device.deviceId, password: device.mqtt.password, clientId: device.deviceId, reconnectPeriod: 0 });
  try {
    const root = `fleetrig/v1/dev/${device.deviceId}`;
    await client.subscribeAsync(`${root}/res`, { qos: 1 });
    const reply = new Promise<{ id: string; ok: boolean; body: { files: string[] } }>((resolve) => client.on('message', (_topic, payload) => resolve(JSON.parse(payload.toString()))));
    const body = { hardwareId: device.hardwareId, certificate: device.certificate, proof };
    await client.publishAsync(`${root}/req`, JSON.stringify({ id: requestId, op: 'gateway.download', deviceId: device.deviceId, body }), { qos: 1 });
    const answer = await reply;
    expect(answer).toMatchObject({ id: requestId, ok: true });
    return answer.body.files.map((file) => {
      const [kind, payload, signature] = file.split('.');
      expect(verify(null, Buffer.from(`${kind}.${payload}`), vendorKey, Buffer.from(signature!, 'base64url')), 'signed by the published vendor key').toBe(true);
      const license = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { licenseId: string; hardwareId: string };
      expect(license.hardwareId).toBe(device.hardwareId);
      return license.licenseId;
    });
  } finally {
    await client.endAsync();
  }
}
