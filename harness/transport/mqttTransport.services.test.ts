import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../emulator/random/Random.ts';
import { createPortalClient } from '../../firmware-sim/shared/portalClient.ts';
import { createTestServer, type TestServer } from '../../license-server/testing/createTestServer.ts';
import { deviceTopics } from '../../broker/topics.ts';
import { gatewayOps } from '../../protocol/messages/gateway.ts';
import { proofText, signProof } from '../../protocol/deviceCertificate.ts';
import { createMqttTransport, type MqttTransport } from './mqttTransport.ts';
import { MOSQUITTO_URL, requireMosquitto } from '../../broker/testing/requireMosquitto.ts';

// The machine's Mosquitto (anonymous allowed, no ACL). Device IDs carry the process ID: two
// runs on one broker with the same IDs would answer each other's requests.
const ids = [1, 2].map((n) => `svc${process.pid}-gw-${n}`);


describe('createMqttTransport on Mosquitto at 127.0.0.1:1883', () => {
  let rig: TestServer;
  let transport: MqttTransport;
  beforeAll(async () => {
    await requireMosquitto();
    rig = await createTestServer({ seed: 'mqtt-mosquitto' });
    transport = await createMqttTransport({ server: rig.server, random: createRandom(`mosquitto-${process.pid}`), mode: { url: MOSQUITTO_URL }, clock: rig.clock });
  });
  afterAll(async () => {
    const cleaner = await transport?.connectService('cleaner');
    // Leave no retained state behind: an empty retained message clears it.
    for (const id of ids) await cleaner?.publishAsync(deviceTopics(id).state, '', { qos: 1, retain: true });
    await cleaner?.endAsync();
    await transport?.close();
    await rig?.close();
  });

  it('[MQTT] [GW-8] devices get their replies from the license server through an external broker', async () => {
    expect(transport.name).toBe(`mqtt ${MOSQUITTO_URL}`);
    expect(transport.broker).toBeUndefined();
    const results = await Promise.all(ids.map(async (id) => {
      const wire = await transport.attach(id, { family: 'gateway' });
      const portal = createPortalClient({ link: wire.link, clock: rig.clock, random: createRandom(id), deviceId: id });
      const { hardwareId, certificate, deviceKey } = rig.device(id);
      const proof = (requestId: string): string => signProof(deviceKey, proofText(gatewayOps.testLicense.op, requestId, hardwareId, []));
      return portal.request({ op: gatewayOps.testLicense.op, body: (requestId) => ({ hardwareId, certificate, proof: proof(requestId) }), reply: gatewayOps.testLicense.reply });
    }));
    expect(results.map((r) => r.ok)).toEqual([true, true]);
  });

  it('[MQTT] a duplicated request ID is answered once, identically', async () => {
    const dashboard = await transport.connectService('dup-tester');
    const topics = deviceTopics(ids[0]!);
    const replies: string[] = [];
    const both = new Promise<void>((resolve) => dashboard.on('message', (topic, payload) => {
      if (topic !== topics.res) return;
      replies.push(payload.toString());
      if (replies.length === 2) resolve();
    }));
    // Mosquitto without an ACL lets a service read res too: enough to watch the replies.
    await dashboard.subscribeAsync(topics.res, { qos: 1 });
    const before = rig.server.linkStats().duplicates;
    const { hardwareId, certificate, deviceKey } = rig.device('dup-tester');
    const proof = signProof(deviceKey, proofText(gatewayOps.testLicense.op, 'dup-svc', hardwareId, []));
    const frame = JSON.stringify({ id: 'dup-svc', op: gatewayOps.testLicense.op, deviceId: ids[0], body: { hardwareId, certificate, proof } });
    await dashboard.publishAsync(topics.req, frame, { qos: 1 });
    await dashboard.publishAsync(topics.req, frame, { qos: 1 });
    await both;
    expect(replies[1]).toBe(replies[0]);
    expect(JSON.parse(replies[0]!)).toMatchObject({ id: 'dup-svc', ok: true });
    expect(rig.server.linkStats().duplicates).toBe(before + 1);
    await dashboard.endAsync();
  });

  it('[MQTT] retained state reaches a late subscriber', async () => {
    const state = { deviceId: ids[0], family: 'gateway', state: 'running', licenses: [], pendingReset: false };
    expect(await transport.publishState(ids[0]!, state)).toEqual({ ok: true, value: undefined });
    const late = await transport.connectService('late');
    const got = new Promise<string>((resolve) => late.once('message', (_t, payload) => resolve(payload.toString())));
    await late.subscribeAsync(deviceTopics(ids[0]!).state, { qos: 1 });
    expect(JSON.parse(await got)).toEqual(state);
    await late.endAsync();
  });
});
