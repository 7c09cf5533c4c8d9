import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { every, isoTime } from '../../emulator/clock/Clock.ts';
import { createPacedClock, type PacedClock } from '../../emulator/clock/pacedClock.ts';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { WallClock } from '../../emulator/clock/wallClock.ts';
import { createFactory } from '../../emulator/identity/manufacture.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { createLicenseServer, type LicenseServer } from '../../license-server/createLicenseServer.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { Catalogue } from '../catalogue.ts';
import { addFleet, placeOrders } from '../runner/populateWorld.ts';
import { World } from '../runner/World.ts';
import type { Scenario } from '../scenario/parseScenarios.ts';
import { createMqttTransport, type MqttTransport } from '../transport/mqttTransport.ts';
import { createDemoRun, type DemoRun } from './demo/demoRun.ts';
import type { DemoControl } from './demo/demoRoutes.ts';
import { pacedTime } from './pacedTime.ts';
import { openFleetNvram } from './fleetNvram.ts';
import { createForeignDevices } from './foreignDevices.ts';
import { createLiveFeed } from './live/liveFeed.ts';
import { liveSocket } from './live/liveSocket.ts';
import { mqttOverWebSocket } from './mqttOverWebSocket.ts';
import { serviceApp } from './serviceApp.ts';
import { createServiceMetrics, type ServiceMetrics } from './serviceMetrics.ts';
import type { ServiceLogger } from './serviceLog.ts';
import { openSerialEndpoints } from './openSerialEndpoints.ts';
import type { SerialPortSpec } from './serialPortSpec.ts';
import { openStore } from './openStore.ts';
import { saveVirtualNow, startSession } from './serviceSession.ts';
import { upgradeRoutes, type UpgradeHandler } from './upgradeRoutes.ts';

export interface ServiceOptions {
  catalogue: Catalogue;
  /** Its `fleet` and `portal` sections are set up; its steps are not run. None: an empty fleet. */
  scenario?: Scenario;
  /** Keys and identities derive from it on a new store; a store keeps the seed it started with. */
  seed: number;
  /** Virtual ms per wall ms; 1 is real time. */
  speed: number;
  /** 0 picks a free port. */
  httpPort: number;
  /** The embedded broker's TCP port; 0 picks a free one. Ignored with `brokerUrl`. */
  mqttPort: number;
  host?: string;
  /** A SQLite file path or a postgres:// URL. */
  store: string;
  /** An external broker for everything; the embedded one otherwise. */
  brokerUrl?: string;
  /** One structured line per event: start, every refusal with its code, stop. */
  logger: ServiceLogger;
  /** Serial ports to serve the framed license messages on (`--serial`); none by default. */
  serialPorts?: readonly SerialPortSpec[];
  /**
   * Demo mode (`--demo`, see demo/createDemoService.ts): the scenario's steps can be run one by
   * one over /api/v1/demo; `restart` is called when POST /api/v1/demo/restart has been answered.
   */
  demo?: { restart(): void };
}

/** A running `fleetrig serve`: where it is, its clock, and how to stop it. */
export interface Service {
  /** `http://host:port`: the fleet view at /, the API under /api/v1, its live feed at /api/v1/live, health at /healthz and /readyz, MQTT over WebSocket at /mqtt. */
  readonly httpUrl: string;
  /** Where MQTT clients connect: the embedded broker's TCP listener, or the external broker. */
  readonly mqttUrl: string;
  /** The store as the first line shows it (a path, or a URL without its password). */
  readonly store: string;
  /** The seed keys derive from (the store's, on a store that was used before). */
  readonly seed: number;
  /** The store's Administrator bearer token (the same on every start): the key to the API. */
  readonly token: string;
  /** The serial ports served, as `PATH@BAUD`. */
  readonly serial: readonly string[];
  readonly devices: number;
  readonly clock: PacedClock;
  readonly server: LicenseServer;
  /** Stops taking requests, stops the fleet, records the virtual time, closes every socket and the store. */
  close(): Promise<void>;
}

const SAVE_EVERY_MS = 5_000;

/**
 * The rig as a running service: a license server on a persistent store, the embedded broker
 * (TCP and WebSocket) or an external one, a scenario's fleet and portal set-up, and a virtual
 * clock that follows the wall clock at `speed`, controlled over HTTP. Every port may be 0.
 */
export async function createService(options: ServiceOptions): Promise<Result<Service>> {
  const wall = new WallClock();
  const { logger } = options;
  const opened = await openStore(options.store).then(
    (value) => ok(value),
    (error: unknown) => fail('STORE_UNAVAILABLE', `cannot open the store ${options.store}: ${(error as Error).message}`, 'store'),
  );
  if (!opened.ok) return opened;
  const { store, description } = opened.value;
  const session = await startSession(store, { seed: options.seed, at: wall.now() });
  // A service's virtual time never goes back: not before the wall clock, nor before where the last run stopped.
  const virtual = new VirtualClock({ start: Math.max(wall.now(), session.virtualNow ?? 0) });
  // One store is one rig: keys and boards derive from the store's seed alone, not from how the scenario's path was typed.
  const random = createRandom(session.seed).fork('serve');
  const factory = createFactory({ random: random.fork('factory'), clock: virtual });
  // Made once the fleet and broker exist; the server reports to it from its first request on.
  const reported: { metrics?: ServiceMetrics } = {};
  const server = await createLicenseServer({
    store, clock: virtual, random: random.fork('server'), manufacturerPublicKey: factory.manufacturerPublicKey,
    portals: options.catalogue.portals, session: `start-${session.start}`,
    onDeviceRequest: (op, outcome) => {
      reported.metrics?.deviceRequest(op, outcome);
      if (outcome !== 'ok') logger.info({ op, code: outcome }, 'device request refused');
    },
    onHttpRequest: (method, route, status) => {
      reported.metrics?.httpRequest(method, route, status);
      if (status >= 400) logger.info({ method, route, status }, 'http request refused');
    },
  });
  // Steps (demo mode) wait for the paced clock to move time; they never jump it themselves.
  const time = pacedTime(virtual, wall);
  const world = new World(virtual, time, random, server);
  const host = options.host ?? '127.0.0.1';

  const closers: (() => Promise<void>)[] = [async () => {
    await server.close();
    await saveVirtualNow(store, session, virtual.now());
    await store.close();
  }];
  // Each appliance's NVRAM lives in the store: loaded before it boots, saved on commit, flushed once the fleet has stopped.
  const nvram = await openFleetNvram({ store, timers: wall, logger });
  closers.push(() => nvram.close());
  const closeAll = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  const closeAndLog = async (): Promise<void> => {
    await closeAll();
    logger.info({ virtualTime: isoTime(virtual.now()) }, 'closed');
  };

  let transport: MqttTransport;
  try {
    transport = await createMqttTransport({
      server, random: random.fork('transport'), clock: virtual,
      // With --broker, `fleetrig credentials --seed <the store's seed>` writes the matching users.
      credentialSeed: session.seed,
      mode: options.brokerUrl === undefined ? 'stream' : { url: options.brokerUrl },
      log: (refusal) => logger.warn({ topic: refusal.topic, reason: refusal.reason }, 'frame refused'),
      brokerLog: (refusal) => logger.warn({ action: refusal.action, client: refusal.clientId, user: refusal.user ?? null, topic: refusal.topic ?? null, address: refusal.address ?? null, reason: refusal.reason }, 'broker refused'),
      ...(options.brokerUrl === undefined ? { listen: { port: options.mqttPort, host } } : {}),
    });
  } catch (error) {
    await closeAll();
    const where = options.brokerUrl ?? `${host}:${options.mqttPort}`;
    return fail('BROKER_UNREACHABLE', `cannot open the MQTT broker at ${where}: ${(error as Error).message}`, options.brokerUrl === undefined ? 'mqtt-port' : 'broker');
  }
  world.brokerOutage = transport.outage;
  closers.push(async () => {
    for (const device of world.devices.values()) device.appliance.stop();
    await transport.close();
  });
  reported.metrics = createServiceMetrics({ world, ...(transport.broker === undefined ? {} : { broker: transport.broker }) });

  if (options.scenario !== undefined) {
    // Orders are the store's to keep: placed on a new store only, never again on a restart.
    const placed = session.start === 1 ? await placeOrders(world, options.scenario.portal.orders) : ok(undefined);
    const fleet = placed.ok ? await addFleet(world, { fleet: options.scenario.fleet, families: options.catalogue.families, factory, transport, onBoard: nvram.attach }) : placed;
    if (!fleet.ok) {
      await closeAll();
      return fleet;
    }
  }

  const mqttUrl = transport.url ?? options.brokerUrl ?? '';
  const foreign = createForeignDevices({
    store, clock: virtual, random: random.fork(`foreign-devices#start-${session.start}`), factory,
    prefixes: new Map([...options.catalogue.families.values()].map((f) => [f.family, f.prefix])),
    mqttUrl,
    admit: (deviceId, digest) => transport.admitDevice(deviceId, digest),
  });
  const restored = await foreign.restore();

  const clock = createPacedClock({ clock: virtual, wall, speed: options.speed });
  const save = (): void => void saveVirtualNow(store, session, virtual.now()).catch(() => undefined);
  const stopSaving = every(wall, SAVE_EVERY_MS, save);
  closers.push(async () => {
    stopSaving();
    await clock.close();
  });

  const serial = await openSerialEndpoints({ ports: options.serialPorts ?? [], serve: (link) => server.serveLink(link), clock: wall, logger });
  if (!serial.ok) {
    await closeAll();
    return serial;
  }
  closers.push(() => serial.value.close());

  // Foreign devices are not in the world, so the live feed does not show them.
  const feed = createLiveFeed({ devices: world.devices, clock, timers: wall, stream: `start-${session.start}` });
  const onClockChange = (): void => {
    save();
    feed.clockChanged();
  };
  const demo: DemoControl | undefined = options.demo === undefined || options.scenario === undefined
    ? undefined
    : demoControl(createDemoRun({ scenario: options.scenario, world, catalogue: options.catalogue, waiting: time.waiting }), clock, onClockChange, options.demo.restart);
  const app = serviceApp({
    server, world, clock, onClockChange, foreign, manufacturerPublicKey: factory.manufacturerPublicKey, registry: reported.metrics.registry, demo,
    onFault: (fault) => logger.warn({ method: fault.method, path: fault.path, reason: fault.message }, 'http request failed inside the server'),
  });
  const http = createServer(app);
  const websocket = transport.broker === undefined ? undefined : mqttOverWebSocket(transport.broker);
  const live = liveSocket({ feed });
  upgradeRoutes(http, new Map<string, UpgradeHandler>([
    ['/api/v1/live', live.handleUpgrade],
    // With an external broker, MQTT over WebSocket is that broker's to offer.
    ...(websocket === undefined ? [] : [['/mqtt', websocket.handleUpgrade] as const]),
  ]));
  const listened = await listen(http, options.httpPort, host);
  if (!listened.ok) {
    feed.close();
    await closeAll();
    return listened;
  }
  closers.push(async () => {
    feed.close();
    await live.close();
    await websocket?.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  const { port } = http.address() as AddressInfo;
  logger.info({ http: `http://${host}:${port}`, mqtt: mqttUrl, store: description, start: session.start, seed: session.seed, devices: world.devices.size, registered: restored, serial: serial.value.ports }, 'serving');
  return ok({
    httpUrl: `http://${host}:${port}`,
    mqttUrl,
    store: description,
    seed: session.seed,
    token: server.bootstrapToken,
    serial: serial.value.ports,
    devices: world.devices.size,
    clock,
    server,
    close: closeAndLog,
  });
}

function listen(http: Server, port: number, host: string): Promise<Result<void>> {
  return new Promise((resolve) => {
    http.once('error', (error) => resolve(fail('PORT_UNAVAILABLE', `cannot listen on ${host}:${port}: ${error.message}`, 'http-port')));
    http.listen(port, host, () => resolve(ok(undefined)));
  });
}

/** Demo mode's control: its steps, the conditional skip (demoRoutes.ts), and how to start again. */
function demoControl(run: DemoRun, clock: PacedClock, onClockChange: () => void, restart: () => void): DemoControl {
  return {
    run,
    restart,
    async skipWait(position) {
      const now = run.view();
      if (!now.waiting || now.position !== position) {
        const where = now.running ? `step ${now.position + 1} is running${now.waiting ? ' and waiting' : ' and not waiting for the clock'}` : `no step is running (next: step ${now.position + 1})`;
        return fail('CONFLICT', `step ${position + 1} is not waiting for the clock: ${where}; the clock was not moved`);
      }
      const state = await clock.advanceToNextDeadline();
      onClockChange();
      return ok(state);
    },
  };
}
