import { afterEach, describe, expect, it } from 'vitest';
import { Aedes } from 'aedes';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WallClock, wallNow } from '../../emulator/clock/wallClock.ts';
import { sleep } from '../../emulator/clock/Clock.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { connectMqtt } from '../../broker/connect.ts';
import { deviceTopics } from '../../broker/topics.ts';
import type { ReconnectPolicy } from '../../broker/links/reconnectPolicy.ts';
import { createPortalClient } from '../../firmware-sim/shared/portalClient.ts';
import { createTestServer, type TestServer } from '../../license-server/testing/createTestServer.ts';
import { gatewayOps } from '../../protocol/messages/gateway.ts';
import { proofText, signProof } from '../../protocol/deviceCertificate.ts';
import { createMqttTransport, type MqttTransport } from './mqttTransport.ts';

const DEVICE = 'gw-0001';
const topics = deviceTopics(DEVICE);
const wall = new WallClock();
// Fast, so the suite stays quick; the shape is the default's.
const FAST: ReconnectPolicy = { initialMs: 20, factor: 2, maxMs: 200, linkDownAfterMs: 3_000, retryForMs: 30_000 };

/** A plain aedes on 127.0.0.1 (no auth, as an external broker), that can die and come back on its port. */
interface Broker {
  readonly port: number;
  readonly url: string;
  /** Stops it like a killed process: every connection cut, nothing retained kept. */
  kill(): Promise<void>;
  /** A fresh one on the same port. */
  restart(options?: BrokerHooks): Promise<void>;
  close(): Promise<void>;
}
interface BrokerHooks {
  /** Sees every PUBLISH before it is routed; return false to swallow it (the broker dies with it). */
  onPublish?: (topic: string, payload: string) => boolean;
}

async function startBroker(hooks: BrokerHooks = {}, port = 0): Promise<Broker> {
  let current: { aedes: Aedes; server: Server; sockets: Set<Socket> } | undefined;
  const open = async (on: BrokerHooks, at: number): Promise<number> => {
    const aedes = await Aedes.createBroker({
      authorizePublish: (_client, packet, callback) => {
        if (on.onPublish?.(packet.topic, packet.payload.toString()) === false) return;
        callback(null);
      },
    });
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      aedes.handle(socket);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(at, '127.0.0.1', () => resolve()));
    current = { aedes, server, sockets };
    return (server.address() as AddressInfo).port;
  };
  const kill = async (): Promise<void> => {
    const dying = current;
    current = undefined;
    if (dying === undefined) return;
    for (const socket of dying.sockets) socket.destroy();
    await new Promise<void>((resolve) => dying.server.close(() => resolve()));
    await new Promise<void>((resolve) => dying.aedes.close(() => resolve()));
  };
  const bound = await open(hooks, port);
  return {
    port: bound,
    url: `mqtt://127.0.0.1:${bound}`,
    kill,
    restart: async (next = {}) => void (await open(next, bound)),
    close: kill,
  };
}

describe('createMqttTransport across a broker restart', () => {
  let broker: Broker | undefined;
  let rig: TestServer | undefined;
  let transport: MqttTransport | undefined;
  afterEach(async () => {
    await transport?.close();
    await broker?.close();
    await rig?.close();
    transport = rig = broker = undefined;
  });

  async function start(hooks: BrokerHooks, policy: ReconnectPolicy = FAST) {
    broker = await startBroker(hooks);
    rig = await createTestServer({ seed: 'reconnect' });
    transport = await createMqttTransport({
      server: rig.server, random: createRandom('reconnect'), mode: { url: broker.url }, clock: rig.clock, reconnect: { clock: wall, policy },
    });
    const wire = await transport.attach(DEVICE, { family: 'gateway' });
    const statuses: boolean[] = [];
    wire.link.onStatus((up) => statuses.push(up));
    const portal = createPortalClient({ link: wire.link, clock: rig.clock, random: createRandom(DEVICE), deviceId: DEVICE });
    const { hardwareId, certificate, deviceKey } = rig.device(DEVICE);
    const testLicense = () => portal.request({
      op: gatewayOps.testLicense.op,
      body: (id) => ({ hardwareId, certificate, proof: signProof(deviceKey, proofText(gatewayOps.testLicense.op, id, hardwareId, [])) }),
      reply: gatewayOps.testLicense.reply,
    });
    const download = () => portal.request({ op: gatewayOps.download.op, body: (id) => ({ hardwareId, certificate, proof: signProof(deviceKey, proofText(gatewayOps.download.op, id, hardwareId, [])) }), reply: gatewayOps.download.reply });
    return { wire, statuses, portal, testLicense, download, clock: rig.clock, server: rig.server };
  }

  /** The broker dies as it takes the first frame on `topic`, and is back `downMs` later. */
  function dieOnFirst(topic: string, downMs: number): { hooks: BrokerHooks; restarted: Promise<number> } {
    let died = false;
    let restarted!: (at: number) => void;
    const hooks: BrokerHooks = {
      onPublish(got) {
        if (died || got !== topic) return true;
        died = true;
        void broker!.kill().then(() => sleep(wall, downMs)).then(() => broker!.restart()).then(() => restarted(wallNow()));
        return false;
      },
    };
    return { hooks, restarted: new Promise((resolve) => (restarted = resolve)) };
  }

  async function retainedState(): Promise<unknown> {
    const spy = await connectMqtt({ url: broker!.url, username: 'spy', password: 'x', clientId: `spy-${process.pid}` });
    const got = new Promise<string>((resolve) => spy.once('message', (_topic, payload) => resolve(payload.toString())));
    await spy.subscribeAsync(topics.state, { qos: 1 });
    const text = await Promise.race([got, sleep(wall, 2_000).then(() => 'none')]);
    await spy.endAsync();
    return text === 'none' ? undefined : JSON.parse(text);
  }

  it.each([
    // Only re-sends reached the server (more than one, if one raced the server's SUBACK).
    ['the request, lost in the broker before the server saw it', topics.req, 0],
    // The server acted, then saw the re-send and answered it from the reply cache.
    ['the reply, lost after the server acted on the request', topics.res, 1],
  ])('[MQTT] [GW-8] a request in flight when the broker dies is answered once it is back: %s', async (_what, dropOn, leastDuplicates) => {
    const { restarted, hooks } = dieOnFirst(dropOn, 150);
    const { wire, statuses, portal, testLicense, download, clock, server } = await start(hooks);
    const state = { deviceId: DEVICE, family: 'gateway', state: 'running', licenses: [], pendingReset: false };
    expect(await transport!.publishState(DEVICE, state)).toEqual({ ok: true, value: undefined });

    const reply = testLicense();
    // Virtual time runs on meanwhile: only the holds across the outage keep the 30 s reply timeout from firing.
    await clock.advance(60_000);
    const result = await reply;
    const backAt = await restarted;
    expect(result).toMatchObject({ ok: true, value: { file: expect.stringMatching(/^LIC1\./) } });
    // Handled once: any further copy of the request ID was answered from the reply cache.
    const { requests, duplicates } = server.linkStats();
    expect([requests - duplicates, duplicates >= leastDuplicates]).toEqual([1, true]);
    // Answered once, as the device sees it: a second reply to a re-send never reaches the firmware.
    expect(portal.ignoredFrames()).toBe(0);
    expect([statuses, wire.link.isUp()]).toEqual([[], true]);
    // The restarted broker retains nothing: the device published its state again.
    expect(await retainedState()).toEqual(state);
    // Both ends subscribed again: a new request goes through.
    const next = download();
    await clock.advance(1_000);
    expect(await next).toMatchObject({ ok: true });
    expect(wallNow() - backAt).toBeLessThan(5_000);
  });

  it('[MQTT] an outage past linkDownAfterMs is LINK_DOWN for the request in flight; the link comes up with the broker', async () => {
    // Down eight times the limit: on a loaded machine the limit's timer may fire late, never this late.
    const { restarted, hooks } = dieOnFirst(topics.req, 2_000);
    const { wire, statuses, testLicense, download, clock, server } = await start(hooks, { ...FAST, linkDownAfterMs: 250 });
    const reply = testLicense();
    await clock.advance(1_000);
    expect(await reply).toMatchObject({ ok: false, error: { code: 'LINK_DOWN' } });
    expect(wire.link.isUp()).toBe(false);
    await restarted;
    while (!wire.link.isUp()) await sleep(wall, 10);
    expect(statuses).toEqual([false, true]);
    const next = download();
    await clock.advance(1_000);
    expect(await next).toMatchObject({ ok: true });
    // The lost request was given up, not re-sent: the server saw one request, the download. (On
    // a loaded machine the download itself may be re-sent before its reply is back; the server
    // answers that from its cache, as a duplicate.)
    const stats = server.linkStats();
    expect(stats.requests - stats.duplicates).toBe(1);
  });
});
