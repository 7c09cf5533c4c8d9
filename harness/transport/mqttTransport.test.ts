import { afterEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../emulator/random/Random.ts';
import { createPortalClient, type PortalClient } from '../../firmware-sim/shared/portalClient.ts';
import { createTestServer, type TestServer } from '../../license-server/testing/createTestServer.ts';
import { connectMqtt } from '../../broker/connect.ts';
import { deviceTopics } from '../../broker/topics.ts';
import { gatewayOps } from '../../protocol/messages/gateway.ts';
import type { Link } from '../../emulator/link/Link.ts';
import type { Identity } from '../../emulator/identity/Identity.ts';
import { proofText, signProof } from '../../protocol/deviceCertificate.ts';
import { createMqttTransport, type MqttTransport } from './mqttTransport.ts';

/** A GW-8 test-license request as the gateway firmware makes it: proven with its certificate. */
const testLicense = ({ hardwareId, certificate, deviceKey }: Identity) => ({
  op: gatewayOps.testLicense.op,
  body: (requestId: string) => ({ hardwareId, certificate, proof: signProof(deviceKey, proofText(gatewayOps.testLicense.op, requestId, hardwareId, [])) }),
  reply: gatewayOps.testLicense.reply,
});

describe.each(['stream', 'tcp'] as const)('createMqttTransport (%s)', (mode) => {
  let rig: TestServer;
  let transport: MqttTransport;
  afterEach(async () => {
    await transport.close();
    await rig.close();
  });

  async function start(): Promise<void> {
    rig = await createTestServer({ seed: `mqtt-${mode}` });
    transport = await createMqttTransport({ server: rig.server, random: createRandom('transport'), mode, clock: rig.clock });
  }
  const portal = (deviceId: string, link: Link): PortalClient =>
    createPortalClient({ link, clock: rig.clock, random: createRandom(deviceId), deviceId });

  it('[MQTT] [GW-6] [GW-8] carries each device\'s requests to the license server and its replies back', async () => {
    await start();
    expect(transport.name).toBe(`mqtt-${mode}`);
    const results = await Promise.all(['gw-001', 'gw-002'].map(async (id) => {
      const wire = await transport.attach(id, { family: 'gateway' });
      return portal(id, wire.link).request(testLicense(rig.device(id)));
    }));
    expect(results).toEqual([
      { ok: true, value: { file: expect.stringMatching(/^LIC1\./) } },
      { ok: true, value: { file: expect.stringMatching(/^LIC1\./) } },
    ]);
    expect(rig.server.linkStats()).toMatchObject({ requests: 2, duplicates: 0 });
  });

  it('[MQTT] linkDown cuts the device off both ways until linkUp, as on the memory wire', async () => {
    await start();
    const wire = await transport.attach('gw-001');
    const client = portal('gw-001', wire.link);
    const statuses: boolean[] = [];
    wire.link.onStatus((up) => statuses.push(up));
    wire.setUp(false);
    expect(wire.link.isUp()).toBe(false);
    expect(await client.request(testLicense(rig.device('gw-001')))).toMatchObject({ ok: false, error: { code: 'LINK_DOWN' } });
    wire.link.send(JSON.stringify({ id: 'raw', op: gatewayOps.testLicense.op, deviceId: 'gw-001', body: { hardwareId: 'x' } }));
    await rig.clock.advance(60_000);
    expect(rig.server.linkStats().requests).toBe(0);
    wire.setUp(true);
    expect(await client.request(testLicense(rig.device('gw-001')))).toMatchObject({ ok: true });
    expect(statuses).toEqual([false, true]);
  });

  it('[MQTT] a request the server ignores holds no time: the device times out at its own virtual deadline', async () => {
    rig = await createTestServer({ seed: `mqtt-${mode}` });
    // A server that takes every frame and answers none.
    transport = await createMqttTransport({ server: { serveLink: (link) => link.onFrame(() => {}) }, random: createRandom('transport'), mode, clock: rig.clock });
    const wire = await transport.attach('gw-001');
    const start = rig.clock.now();
    const outcome = portal('gw-001', wire.link).request(testLicense(rig.device('gw-001'))).then((r) => ({ r, at: rig.clock.now() - start }));
    await rig.clock.advance(60_000);
    expect(await outcome).toMatchObject({ r: { ok: false, error: { code: 'TIMEOUT' } }, at: 30_000 });
    expect([rig.clock.halted(), rig.clock.openHolds()]).toEqual([undefined, 0]);
  });

  it('[MQTT] [ACL] gives every device its own secret: the broker refuses another password', async () => {
    await start();
    await transport.attach('gw-001');
    const where = mode === 'stream' ? { stream: () => transport.broker!.connectStream() } : { url: transport.url! };
    const impostor = await connectMqtt({ ...where, username: 'gw-001', password: 'guessed', clientId: 'gw-001' }).catch((e: unknown) => e);
    expect(impostor).toMatchObject({ code: 'MQTT_CONNECT_REFUSED', returnCode: 4 });
    await expect(transport.attach('gw-001')).rejects.toThrow(/already attached/);
  });

  it('[MQTT] publishes device state retained, for a dashboard that subscribes later', async () => {
    await start();
    await transport.attach('gw-001', { family: 'gateway' });
    const state = { deviceId: 'gw-001', family: 'gateway', state: 'running', licenses: [], pendingReset: false };
    expect(await transport.publishState('gw-001', state)).toEqual({ ok: true, value: undefined });
    expect(await transport.publishState('gw-404', state)).toMatchObject({ ok: false, error: { code: 'NO_SUCH_DEVICE' } });
    const dashboard = await transport.connectService('dashboard');
    const got = new Promise<string>((resolve) => dashboard.once('message', (_topic, payload) => resolve(payload.toString())));
    await dashboard.subscribeAsync(deviceTopics('gw-001').state, { qos: 1 });
    expect(JSON.parse(await got)).toEqual(state);
    await dashboard.endAsync();
  });
});
