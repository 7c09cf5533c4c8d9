import type { MqttClient } from 'mqtt';
import { connectMqtt } from '../../broker/connect.ts';
import { offlineWill, publishDeviceState } from '../../broker/links/deviceState.ts';
import { createMqttDeviceLink } from '../../broker/links/mqttDeviceLink.ts';
import type { Identity } from '../../emulator/identity/Identity.ts';
import type { Link } from '../../emulator/link/Link.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';

/** One appliance's place in a running `fleetrig serve`, as `fleetrig device --server` takes it. */
export interface JoinedService {
  readonly deviceId: string;
  /** The board's identity with the service's certificate for its key. */
  readonly identity: Identity;
  /** The service's vendor key, which the firmware trusts for license files. */
  readonly vendorPublicKey: string;
  readonly link: Link;
  readonly mqttUrl: string;
  publishState(state: object): Promise<unknown>;
  close(): Promise<void>;
}

interface Registration {
  deviceId: string;
  serialNumber: string;
  installCode: string;
  certificate: string;
  mqtt: { url: string; username: string; password?: string };
}

/**
 * Registers a locally built appliance with a running service (`POST /api/v1/devices`, with
 * its own hardware ID and key), then connects it to the service's broker with the login it was
 * given: the device is then one of the service's, licensed through its portals.
 */
export async function joinService(options: { serverUrl: string; token: string | undefined; family: string; identity: Identity }): Promise<Result<JoinedService>> {
  const { serverUrl, family, identity } = options;
  const base = serverUrl.replace(/\/+$/, '');
  const keys = await getJson(`${base}/api/v1/keys`, {});
  if (!keys.ok) return keys;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) };
  const registered = await getJson(`${base}/api/v1/devices`, {
    method: 'POST', headers, body: JSON.stringify({ family, hardwareId: identity.hardwareId, publicKey: identity.deviceKey.publicKey }),
  });
  if (!registered.ok) return registered;
  const device = registered.value as unknown as Registration;
  if (device.mqtt?.password === undefined) {
    return fail('SERVICE_UNREACHABLE', `the service at ${base} uses an external broker, whose users are its own; run the device with --broker instead`, 'server');
  }
  let client: MqttClient;
  try {
    client = await connectMqtt({ url: device.mqtt.url, username: device.mqtt.username, password: device.mqtt.password, clientId: device.deviceId, will: offlineWill(device.deviceId, family) });
  } catch (error) {
    return fail('BROKER_UNREACHABLE', `cannot reach the service's MQTT broker at ${device.mqtt.url}: ${(error as Error).message}`, 'server');
  }
  const link = await createMqttDeviceLink({ client, deviceId: device.deviceId });
  return ok({
    deviceId: device.deviceId,
    identity: { ...identity, serialNumber: device.serialNumber, installCode: device.installCode, certificate: device.certificate },
    vendorPublicKey: String(keys.value.vendor),
    link,
    mqttUrl: device.mqtt.url,
    publishState: (state) => publishDeviceState(client, device.deviceId, state),
    async close() {
      await link.close();
      await client.endAsync();
    },
  });
}

async function getJson(url: string, init: RequestInit): Promise<Result<Record<string, unknown>>> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    return fail('SERVICE_UNREACHABLE', `cannot reach the fleetrig service at ${url}: ${(error as Error).message}`, 'server');
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    return fail('SERVICE_UNREACHABLE', `the fleetrig service at ${url} answered ${response.status}: ${String(body.message ?? body.error ?? 'no reason given')}`, 'server');
  }
  return ok(body);
}
