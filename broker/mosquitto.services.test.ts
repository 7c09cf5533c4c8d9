import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { connectMqtt } from './connect.ts';
import { anyDeviceFilter, deviceTopics } from './topics.ts';
import { MOSQUITTO_URL, requireMosquitto } from './testing/requireMosquitto.ts';

// The machine's Mosquitto (/etc/mosquitto/mosquitto.conf: listener 1883 on 127.0.0.1,
// allow_anonymous true), so any username is accepted and no ACL applies. The device ID carries
// the process ID so parallel runs do not read each other's messages.
const deviceId = `svc-test-${process.pid}`;
const topics = deviceTopics(deviceId);


function nextMessage(client: MqttClient, topic: string): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (got: string, payload: Buffer): void => {
      if (got !== topic) return;
      client.off('message', onMessage);
      resolve(payload.toString());
    };
    client.on('message', onMessage);
  });
}

describe('Mosquitto at 127.0.0.1:1883', () => {
  let device: MqttClient;
  let service: MqttClient;

  beforeAll(async () => {
    await requireMosquitto();
    device = await connectMqtt({ url: MOSQUITTO_URL, username: deviceId, password: 'unused', clientId: deviceId });
    service = await connectMqtt({ url: MOSQUITTO_URL, username: 'license-server', password: 'unused', clientId: `license-server-${process.pid}` });
  });

  afterAll(async () => {
    // Leave no retained state behind: an empty retained message clears it.
    await service?.publishAsync(topics.state, '', { qos: 1, retain: true });
    await device?.endAsync();
    await service?.endAsync();
  });

  it('carries a QoS 1 request and reply on fleetrig/v1 topics both ways', async () => {
    await service.subscribeAsync(anyDeviceFilter('req'), { qos: 1 });
    await device.subscribeAsync(topics.res, { qos: 1 });
    service.on('message', (topic, payload) => {
      if (topic === topics.req) service.publish(topics.res, payload, { qos: 1 });
    });
    const reply = nextMessage(device, topics.res);
    await device.publishAsync(topics.req, '{"id":"r1","op":"ping"}', { qos: 1 });
    expect(await reply).toBe('{"id":"r1","op":"ping"}');
  });

  it('keeps retained device state for late subscribers', async () => {
    await device.publishAsync(topics.state, '{"state":"online"}', { qos: 1, retain: true });
    const late = await connectMqtt({ url: MOSQUITTO_URL, username: 'dashboard', password: 'unused', clientId: `dashboard-${process.pid}` });
    const state = nextMessage(late, topics.state);
    await late.subscribeAsync(topics.state, { qos: 1 });
    expect(await state).toBe('{"state":"online"}');
    await late.endAsync();
  });
});
