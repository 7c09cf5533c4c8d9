import { afterEach, describe, expect, it } from 'vitest';
import {
  DEVICE_A, DEVICE_B, SERVICE, TRANSPORTS, closed, grantedQos, nextMessage, recordMessages, startTestBroker,
} from './brokerTestKit.ts';
import type { TestBroker } from './brokerTestKit.ts';
import { MqttConnectError } from './connect.ts';
import { createPolicy } from './policy.ts';
import { createCredentials } from './credentials.ts';
import { deviceTopics, TOPIC_ROOT } from './topics.ts';
import { VirtualClock } from '../emulator/clock/VirtualClock.ts';

const a = deviceTopics(DEVICE_A);
const b = deviceTopics(DEVICE_B);

describe.each(TRANSPORTS)('broker ACL (%s)', (transport) => {
  let rig: TestBroker;
  afterEach(() => rig.broker.close());

  it.each(['req', 'state'] as const)('[ACL] a device cannot publish to another device\'s %s; the message never arrives', async (kind) => {
    rig = await startTestBroker(transport);
    const service = await rig.connect(SERVICE);
    await service.subscribeAsync([`${TOPIC_ROOT}/dev/+/req`, `${TOPIC_ROOT}/dev/+/state`], { qos: 1 });
    const seen = recordMessages(service);
    const intruder = await rig.connect(DEVICE_A);
    const victim = await rig.connect(DEVICE_B);

    const dropped = closed(intruder);
    intruder.publish(b[kind], '{"forged":true}', { qos: 1 });
    await dropped;
    // The victim's own message is processed after the refusal; had the forged one gone
    // through, the service would have seen it first.
    const sentinel = nextMessage(service, b[kind]);
    await victim.publishAsync(b[kind], '{"sentinel":true}', { qos: 1 });
    await sentinel;

    expect(seen.map((m) => m.payload)).toEqual(['{"sentinel":true}']);
    expect(rig.refusals).toEqual([
      expect.objectContaining({ clientId: DEVICE_A, user: DEVICE_A, topic: b[kind], action: 'publish' }),
    ]);
    expect(rig.broker.refusals()).toBe(1);
  });

  it('[ACL] a device cannot subscribe to another device\'s res or cmd: SUBACK grants 128 and nothing arrives', async () => {
    rig = await startTestBroker(transport);
    const intruder = await rig.connect(DEVICE_A);
    const victim = await rig.connect(DEVICE_B);
    const service = await rig.connect(SERVICE);
    await victim.subscribeAsync([b.res, b.cmd], { qos: 1 });
    expect(await grantedQos(intruder, [b.res, b.cmd, a.res])).toEqual([128, 128, 1]);
    const intruderSaw = recordMessages(intruder);

    const victimGotCmd = nextMessage(victim, b.cmd);
    await service.publishAsync(b.res, '{"reply":1}', { qos: 1 });
    await service.publishAsync(b.cmd, '{"cmd":"reboot"}', { qos: 1 });
    await victimGotCmd;
    const sentinel = nextMessage(intruder, a.res);
    await service.publishAsync(a.res, '{"sentinel":true}', { qos: 1 });
    await sentinel;

    expect(intruderSaw.map((m) => m.topic)).toEqual([a.res]);
    expect(rig.refusals).toEqual([
      expect.objectContaining({ clientId: DEVICE_A, user: DEVICE_A, topic: b.res, action: 'subscribe' }),
      expect.objectContaining({ clientId: DEVICE_A, user: DEVICE_A, topic: b.cmd, action: 'subscribe' }),
    ]);
  });

  it('[ACL] a device may not use wildcards, its own publish-only topics or anything outside the device topics', async () => {
    rig = await startTestBroker(transport);
    const device = await rig.connect(DEVICE_A);
    const filters = [`${TOPIC_ROOT}/dev/+/cmd`, `${TOPIC_ROOT}/dev/${DEVICE_A}/#`, '#', '$SYS/#', a.req, a.state];
    expect(await grantedQos(device, filters)).toEqual(filters.map(() => 128));
    expect(rig.refusals.map((r) => r.topic)).toEqual(filters);
    // Refused subscriptions leave the connection up.
    await device.publishAsync(a.state, '{"state":"online"}', { qos: 1 });
  });

  it('[ACL] a device publishing its own res or cmd, or outside fleetrig, is cut off and logged', async () => {
    rig = await startTestBroker(transport);
    for (const topic of [a.res, a.cmd, 'elsewhere/topic']) {
      const device = await rig.connect(DEVICE_A);
      const dropped = closed(device);
      device.publish(topic, '{}', { qos: 0 });
      await dropped;
    }
    expect(rig.refusals.map((r) => [r.action, r.topic])).toEqual([['publish', a.res], ['publish', a.cmd], ['publish', 'elsewhere/topic']]);
  });

  it('[ACL] a wrong password, an unknown user or a borrowed client ID gets a CONNACK error', async () => {
    rig = await startTestBroker(transport);
    const attempts = [
      { user: DEVICE_A, overrides: { password: 'wrong' }, returnCode: 4 },
      { user: 'gw-9999', overrides: { password: 'anything' }, returnCode: 4 },
      { user: DEVICE_A, overrides: { clientId: DEVICE_B }, returnCode: 2 },
      { user: SERVICE, overrides: { clientId: DEVICE_B }, returnCode: 2 },
    ];
    for (const { user, overrides, returnCode } of attempts) {
      const error = await rig.connect(user, overrides).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(MqttConnectError);
      expect(error).toMatchObject({ code: 'MQTT_CONNECT_REFUSED', returnCode });
    }
    expect(rig.refusals.map((r) => [r.action, r.user, r.clientId])).toEqual([
      ['connect', DEVICE_A, DEVICE_A], ['connect', 'gw-9999', 'gw-9999'], ['connect', DEVICE_A, DEVICE_B], ['connect', SERVICE, DEVICE_B],
    ]);
    // The broker is still fine.
    await (await rig.connect(DEVICE_A)).publishAsync(a.state, '{}', { qos: 1 });
  });

  it('[ACL] a service acts for any device but publishes no req or state of its own', async () => {
    rig = await startTestBroker(transport);
    const service = await rig.connect(SERVICE);
    expect(await grantedQos(service, [`${TOPIC_ROOT}/dev/+/req`, b.state, `${TOPIC_ROOT}/dev/+/res`, '#'])).toEqual([1, 1, 128, 128]);
    for (const [id, topics] of [[DEVICE_A, a], [DEVICE_B, b]] as const) {
      const device = await rig.connect(id);
      await device.subscribeAsync([topics.res, topics.cmd], { qos: 1 });
      const cmd = nextMessage(device, topics.cmd);
      await service.publishAsync(topics.res, '{"ok":true}', { qos: 1 });
      await service.publishAsync(topics.cmd, '{"cmd":"status"}', { qos: 1 });
      expect((await cmd).payload).toBe('{"cmd":"status"}');
    }
    const dropped = closed(service);
    service.publish(a.req, '{}', { qos: 0 });
    await dropped;
    expect(rig.refusals.map((r) => [r.action, r.user, r.topic])).toEqual([
      ['subscribe', SERVICE, `${TOPIC_ROOT}/dev/+/res`], ['subscribe', SERVICE, '#'], ['publish', SERVICE, a.req],
    ]);
  });
});

describe('policy', () => {
  it('[ACL] stamps refusals with the injected clock and counts them', () => {
    const clock = new VirtualClock();
    const entries: unknown[] = [];
    const policy = createPolicy({ credentials: createCredentials(), clock, log: (entry) => entries.push(entry) });
    const client = { id: 'x' } as Parameters<typeof policy.authorizeSubscribe>[0];
    policy.authorizeSubscribe(client, { topic: a.res, qos: 0 }, () => {});
    policy.authorizePublish(null, { cmd: 'publish', topic: a.state, payload: '', qos: 0, retain: false, dup: false }, () => {});
    expect(entries).toEqual([
      expect.objectContaining({ action: 'subscribe', clientId: 'x', user: undefined, at: clock.now() }),
      expect.objectContaining({ action: 'publish', clientId: '', topic: a.state, at: clock.now() }),
    ]);
    expect(policy.refusals()).toBe(2);
  });
});
