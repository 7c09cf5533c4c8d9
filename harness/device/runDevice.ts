import type { Readable } from 'node:stream';
import type { Clock } from '../../emulator/clock/Clock.ts';
import { WallClock } from '../../emulator/clock/wallClock.ts';
import { createBoard } from '../../emulator/board/createBoard.ts';
import type { Uart } from '../../emulator/uart/Uart.ts';
import { createConsole } from '../../firmware-sim/console/createConsole.ts';
import { createSerialLink } from '../../firmware-sim/console/createSerialLink.ts';
import type { SerialConsole } from '../../firmware-sim/console/SerialConsole.ts';
import type { Appliance } from '../../firmware-sim/shared/Appliance.ts';
import { createLicenseServer } from '../../license-server/createLicenseServer.ts';
import { openSqliteStore } from '../../license-server/store/sqliteStore.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { TextSink } from '../report/TextSink.ts';
import { createCatalogue } from '../catalogue.ts';
import { World } from '../runner/World.ts';
import { realTime } from '../runner/timeDrivers.ts';
import { transportFor } from '../transport/chooseTransport.ts';
import { attachSerial } from './attachSerial.ts';
import { joinService } from './joinService.ts';
import { manufactureDevice } from './manufactureDevice.ts';
import { ownRequestsOnly } from './ownRequestsOnly.ts';
import { portalSeeds } from './portalSeeds.ts';
import type { SeededPortal } from './PortalSeed.ts';
import { shareLink } from './shareLink.ts';
import type { FamilyModule } from '../families/FamilyModule.ts';
import type { Identity } from '../../emulator/identity/Identity.ts';
import type { Link } from '../../emulator/link/Link.ts';
import type { Random } from '../../emulator/random/Random.ts';
import type { SerialMode } from './serialMode.ts';

export interface RunDeviceOptions {
  family: string;
  serial: SerialMode;
  seed: number;
  /** An MQTT broker the appliance and the in-process license server meet at; in-memory link without. */
  brokerUrl?: string;
  /** With a broker: the seed of the broker passwords (broker/brokerSecret.ts); `seed` by default. */
  credentialSeed?: number;
  /** A running `fleetrig serve` to join instead of a license server in this process (`--server`). */
  serverUrl?: string;
  /** The service's administrator token, which registering the device needs. */
  token?: string;
  /**
   * Start the in-process portal empty (`--empty-portal`) instead of seeding it for the family's
   * success path (portalSeeds.ts). A joined service's portal is never seeded.
   */
  emptyPortal?: boolean;
  /** The clock the appliance and the in-process server run on; the wall clock by default (tests pass a virtual one). */
  clock?: Clock;
  /** `stdio` mode: the terminal the console runs on. */
  stdin?: Readable;
  stdout?: TextSink;
  /** The socat executable for `pty` (tests point it elsewhere). */
  socat?: string;
}

export interface RunningDevice {
  readonly deviceId: string;
  readonly appliance: Appliance;
  /** The board's hardware ID, certificate and key: what a host's proven request signs with. */
  readonly identity: Identity;
  /** Where the console is: `/dev/pts/5`, `tcp://127.0.0.1:5000`, or `stdio`. */
  readonly serial: string;
  /** How the appliance reaches its license server, for the banner. */
  readonly transport: string;
  /** What the in-process portal was seeded with; absent with `emptyPortal` or a joined service. */
  readonly portal?: SeededPortal;
  /** Resolves with the reason if the serial side ends by itself (stdin closed, socat gone). */
  readonly ended: Promise<string>;
  /** Resolves once every console has answered every line it received. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Answers the framed requests a console receives, until the returned function is called. */
type AnswerFrames = (session: Link) => () => void;

/**
 * One appliance for a firmware developer, on the wall clock: manufactured and booted like a
 * scenario's device, with the license server in this process (its portal seeded for the
 * family's success path) or a running service's, and its serial console on a pty, a TCP port
 * or this terminal. Framed requests the host writes on the console are answered by the same
 * license server, as a modem on the serial port would carry them. It runs until `close()`.
 */
export async function runDevice(options: RunDeviceOptions): Promise<Result<RunningDevice>> {
  const { families } = createCatalogue();
  const family = families.get(options.family);
  if (!family) return fail('UNKNOWN_FAMILY', `no appliance family '${options.family}'; known: ${[...families.keys()].join(', ')}`, 'family');
  const clock = options.clock ?? new WallClock();
  const { random, factory, identity } = manufactureDevice({ seed: options.seed, family: family.family, clock });
  if (options.serverUrl !== undefined) {
    const joined = await joinService({ serverUrl: options.serverUrl, token: options.token, family: family.family, identity });
    if (!joined.ok) return joined;
    const service = joined.value;
    const shared = shareLink(service.link);
    return startDevice({
      options, family, clock, random, id: service.deviceId, identity: service.identity, link: shared.device, vendorPublicKey: service.vendorPublicKey,
      answerFrames: (session) => shared.relay(session),
      publishState: (state) => service.publishState(state), close: () => service.close(),
      transport: `the fleetrig service at ${options.serverUrl} (MQTT ${service.mqttUrl})`,
    });
  }
  const store = openSqliteStore({ path: ':memory:' });
  const server = await createLicenseServer({ store, clock, random: random.fork('server'), manufacturerPublicKey: factory.manufacturerPublicKey });
  const closeServer = async (): Promise<void> => {
    await server.close();
    await store.close();
  };
  const id = `${family.prefix}-001`;
  const seed = options.emptyPortal ? undefined : portalSeeds[family.family];
  const portal = seed ? await seed({ server, deviceId: id, identity, random: random.fork('portal-seed') }) : undefined;
  if (portal && !portal.ok) {
    await closeServer();
    return portal;
  }
  const world = new World(clock, realTime(clock), random, server);
  const transport = await transportFor(options.brokerUrl === undefined ? { mode: 'memory' } : { brokerUrl: options.brokerUrl, credentialSeed: options.credentialSeed ?? options.seed })(world).catch((error: unknown) => error as Error);
  if (transport instanceof Error) {
    await closeServer();
    return fail('BROKER_UNREACHABLE', `cannot reach the MQTT broker at ${options.brokerUrl}: ${transport.message}`, 'broker');
  }

  const wire = await transport.attach(id, { family: family.family });
  return startDevice({
    options, family, clock, random, id, identity, link: wire.link, vendorPublicKey: server.vendorPublicKey, portal: portal?.value,
    answerFrames: (session) => server.serveLink(session),
    publishState: (state) => transport.publishState?.(id, state) ?? Promise.resolve(),
    close: async () => {
      await transport.close();
      await closeServer();
    },
    transport: options.brokerUrl === undefined ? 'license server in process (memory link)' : `license server in process, via the MQTT broker at ${options.brokerUrl}`,
  });
}

/** The appliance on its board, its state published, and its console wherever `options.serial` says. */
async function startDevice(parts: {
  options: RunDeviceOptions; family: FamilyModule; clock: Clock; random: Random; id: string; identity: Identity; link: Link;
  vendorPublicKey: string; portal?: SeededPortal; answerFrames: AnswerFrames;
  publishState: (state: object) => Promise<unknown>; close: () => Promise<void>; transport: string;
}): Promise<Result<RunningDevice>> {
  const { options, family, clock, random, id, identity } = parts;
  const board = createBoard({ id, clock, random: random.fork('board'), identity, link: parts.link });
  const appliance = family.create({ board, vendorPublicKey: parts.vendorPublicKey });
  const stopPublishing = appliance.onChange((state) => void parts.publishState(state).catch(() => undefined));
  const commands = family.console?.(appliance) ?? {};
  const consoles = new Set<SerialConsole>();
  const startConsole = (uart: Uart, echo = true): (() => void) => {
    const serial = createConsole({ uart, appliance, commands, clock, reset: () => board.reset(), echo });
    const stopAnswering = parts.answerFrames(ownRequestsOnly(createSerialLink(serial), id));
    consoles.add(serial);
    return () => {
      stopAnswering();
      serial.close();
      consoles.delete(serial);
    };
  };

  const teardown = async (): Promise<void> => {
    for (const serial of [...consoles]) serial.close();
    stopPublishing();
    appliance.stop();
    await parts.close();
  };
  const attached = await attachSerial({ mode: options.serial, board, clock, startConsole, stdin: options.stdin, stdout: options.stdout, socat: options.socat });
  if (!attached.ok) {
    await teardown();
    return attached;
  }
  appliance.start();
  return ok({
    deviceId: id,
    appliance,
    identity: board.identity,
    serial: attached.value.where,
    transport: parts.transport,
    ...(parts.portal ? { portal: parts.portal } : {}),
    ended: attached.value.ended,
    idle: async () => {
      await Promise.all([...consoles].map((serial) => serial.idle()));
    },
    async close() {
      await attached.value.close();
      await teardown();
    },
  });
}
