/** `fleetrig serve [scenario]`: the rig as a long-running service (broker, license server, fleet, clock). */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Clock } from '../../../emulator/clock/Clock.ts';
import { freshSeed } from '../../../emulator/random/Random.ts';
import type { Result } from '../../../protocol/result.ts';
import type { Service, ServiceOptions } from '../../serve/createService.ts';
import { DEFAULT_STORE } from '../../serve/openStore.ts';
import { parseSerialPortSpecs, type SerialPortSpec } from '../../serve/serialPortSpec.ts';
import { ExitCode, type CommandContext } from '../CommandContext.ts';
import { parseBrokerUrl, parsePort, parseSeed, parseSpeed, parseStore } from '../flagParsers.ts';
import { printLoadErrors } from '../printLoadErrors.ts';
import { untilSignal } from '../untilSignal.ts';

interface ServeFlags {
  httpPort: number;
  mqttPort: number;
  store: string;
  broker?: string;
  seed?: number;
  speed: number;
  serial: SerialPortSpec[];
  demo: boolean;
}

export interface ServeCommandDeps {
  createService(options: ServiceOptions): Promise<Result<Service>>;
  /** Resolves with what asked the service to stop; SIGINT or SIGTERM by default. */
  untilStopped(): Promise<string>;
  /** Ends the process when closing overran DRAIN_DEADLINE_MS, whatever it left open; process.exit by default. */
  exit(code: number): void;
  /** The wall clock: log stamps and the drain deadline. */
  wall: Clock;
}

/**
 * Wall-clock ms the service has to close once asked to stop; past it the process exits anyway,
 * so a stop never takes more than 5 s (a supervisor's usual patience before SIGKILL).
 */
export const DRAIN_DEADLINE_MS = 4_000;

const help = `
The first line on stdout says where everything is, the second the store's administrator token
(send it as Authorization: Bearer <token>; mint your users' tokens with POST /api/v1/tokens):
  fleetrig serve · http://127.0.0.1:8080 · mqtt://127.0.0.1:1883 · store /…/.fleetrig/fleetrig.db
  administrator token flt_…
With --serial, the first line ends with the ports: · serial /dev/ttyUSB0@115200 /tmp/qemu-pty@115200

--serial PATH[@BAUD][,PATH[@BAUD]…] (repeatable) serves the framed license messages of
docs/serial.md on each port, 8N1 without flow control, 115200 baud unless @BAUD says: a
firmware's pty (QEMU, Renode, Zephyr native_sim) or a real device (/dev/ttyUSB0). Corrupt
frames are answered with ~! lines; ~! lines are never answered. A port that goes away is
logged and reopened with backoff. See docs/firmware-developers.md.

Over HTTP (see docs/http.md and docs/serve.md):
  /api/v1/…            the license server's API (core and portals)
  /api/v1/clock        the virtual clock: GET its state; POST pause, resume, speed {speed},
                       advance {by: "8h"}, next-deadline
  /api/v1/demo         with --demo: GET the steps; POST next, run, restart (docs/demo.md)
  /demo/               with --demo: the demo page (step list, Next step, Run to end, Restart)
  /healthz, /readyz    alive; every device of the fleet has booted
  /mqtt                MQTT over WebSocket (the embedded broker)

The store keeps what the service knows between runs: started again on it, the service resumes
with the same seed, never draws an ID or key it drew before, and its virtual time never goes back.
A scenario's orders are placed on a new store only.

--demo makes the scenario's steps steppable, one at a time, over /api/v1/demo and on the page
/demo/ (docs/demo.md). Steps wait on the service's clock: at --speed, or skip ahead with the
clock's next-deadline. Demo mode keeps everything in memory (--store is ignored): Restart starts
a fresh fleet and portal on the same ports, seed and administrator token.

It runs until Ctrl-C (SIGINT) or SIGTERM, then closes every socket and the store and exits 0;
if closing takes more than 4 s it says what was cut short and exits 1.

Exit codes:
  0  stopped as asked
  1  the service could not start (store, port, broker or serial port unavailable), or could not close in 4 s
  2  bad input: unknown flag, bad flag value, an invalid scenario file`;

export function createServeCommand(deps: Partial<ServeCommandDeps> = {}): (program: Command, ctx: CommandContext) => void {
  return (program, ctx) => {
    program
      .command('serve')
      .summary('run the broker, the license server and a fleet as a service')
      .description('Run fleetrig as a long-running service: the embedded MQTT broker (or --broker), the license server on a persistent store with its HTTP API, and the fleet and portal set-up of [scenario], on a virtual clock that follows the wall clock at --speed.')
      .argument('[scenario]', "a scenario file whose fleet and portal sections are set up (its steps are not run)")
      .addOption(new Option('--http-port <n>', 'HTTP port: the API, the clock, health, MQTT over WebSocket (0 picks one)').argParser(parsePort).default(8080))
      .addOption(new Option('--mqtt-port <n>', "the embedded broker's TCP port (0 picks one)").argParser(parsePort).default(1883))
      .addOption(new Option('--store <path|url>', 'a SQLite file, or a postgres:// URL').argParser(parseStore).default(DEFAULT_STORE))
      .addOption(new Option('--broker <url>', 'use the MQTT broker at mqtt://host:port instead of the embedded one').argParser(parseBrokerUrl))
      .addOption(new Option('--seed <n>', 'seed for keys and identities on a new store; printed when not given').argParser(parseSeed))
      .addOption(new Option('--speed <x>', 'virtual time per wall time: 1 is real time, 60 a minute per second').argParser(parseSpeed).default(1))
      .addOption(new Option('--serial <path[@baud],…>', 'serve framed license messages on these serial ports (115200 8N1 unless @baud; repeatable)').argParser(parseSerialFlag).default([], 'none'))
      .addOption(new Option('--demo', "step the scenario's steps over /api/v1/demo and the page /demo/ (store in memory; see docs/demo.md)").default(false))
      .addHelpText('after', help)
      .action(async (scenario: string | undefined, flags: ServeFlags) => ctx.setExitCode(await serve(scenario, flags, ctx, deps)));
  };
}

export const registerServe = createServeCommand();

/** `--serial`, repeatable: each flag's ports are added to the earlier ones'. */
function parseSerialFlag(value: string, previous: SerialPortSpec[]): SerialPortSpec[] {
  const parsed = parseSerialPortSpecs(value, previous);
  if (!parsed.ok) throw new InvalidArgumentError(`${parsed.error.message}.`);
  return parsed.value;
}

async function serve(scenarioPath: string | undefined, flags: ServeFlags, ctx: CommandContext, deps: Partial<ServeCommandDeps>): Promise<ExitCode> {
  const { stdout, stderr } = ctx.io;
  // Loaded here, not at the top, so `fleetrig --help` and the other commands stay quick.
  const [{ createCatalogue }, { loadFiles }, { createServiceLog }, { WallClock }] = await Promise.all([
    import('../../catalogue.ts'), import('../../scenario/validateFiles.ts'), import('../../serve/serviceLog.ts'), import('../../../emulator/clock/wallClock.ts'),
  ]);
  const catalogue = createCatalogue();
  const wall = deps.wall ?? new WallClock();
  let scenario;
  if (scenarioPath !== undefined) {
    const loaded = await loadFiles([scenarioPath], catalogue);
    if (loaded.errors.length > 0) {
      printLoadErrors(stderr, loaded.errors);
      return ExitCode.BadInput;
    }
    if (loaded.scenarios.length !== 1) {
      stderr.write(`fleetrig serve: ${scenarioPath} holds ${loaded.scenarios.length} scenarios; serve sets up one (split the file)\n`);
      return ExitCode.BadInput;
    }
    scenario = loaded.scenarios[0];
  }
  if (flags.demo && scenario === undefined) {
    stderr.write('fleetrig serve: --demo needs a scenario file whose steps it shows, e.g. fleetrig serve scenarios/smartserver/demo-transfer-reprovision.yaml --demo\n');
    return ExitCode.BadInput;
  }
  const create = deps.createService ?? (await import('../../serve/createService.ts')).createService;
  const demo = flags.demo && scenario !== undefined ? (await import('../../serve/demo/createDemoService.ts')).createDemoService : undefined;
  const serviceOptions: ServiceOptions = {
    catalogue, ...(scenario === undefined ? {} : { scenario }), seed: flags.seed ?? freshSeed(), speed: flags.speed,
    httpPort: flags.httpPort, mqttPort: flags.mqttPort, store: flags.store, ...(flags.broker === undefined ? {} : { brokerUrl: flags.broker }),
    serialPorts: flags.serial,
    logger: createServiceLog({ sink: stderr, wall }),
  };
  const started = demo !== undefined && scenario !== undefined
    ? await demo({ ...serviceOptions, scenario, create })
    : await create(serviceOptions);
  if (!started.ok) {
    // The code first, for scripts: STORE_UNAVAILABLE, PORT_UNAVAILABLE, BROKER_UNREACHABLE, SERIAL_UNAVAILABLE.
    stderr.write(`fleetrig serve: ${started.error.code}: ${started.error.message}\n`);
    return ExitCode.Failed;
  }
  const service = started.value;
  // Scripts read where everything is from the first line; the rest goes to stderr.
  const serial = service.serial.length === 0 ? '' : ` · serial ${service.serial.join(' ')}`;
  stdout.write(`fleetrig serve · ${service.httpUrl} · ${service.mqttUrl} · store ${service.store}${serial}\n`);
  stdout.write(`administrator token ${service.token}\n`);
  stderr.write(`fleetrig serve: ${service.devices} device(s), speed ${flags.speed}, seed ${service.seed}. Stop with Ctrl-C.\n`);
  const signal = deps.untilStopped ? undefined : untilSignal();
  const why = await (deps.untilStopped?.() ?? signal!.received);
  signal?.cancel();
  let deadline: number | undefined;
  const closed = await Promise.race([
    service.close().then(() => true),
    new Promise<false>((resolve) => (deadline = wall.setTimeout(() => resolve(false), DRAIN_DEADLINE_MS))),
  ]);
  wall.clearTimeout(deadline!);
  if (!closed) {
    stderr.write(`fleetrig serve: ${why}; not closed within ${DRAIN_DEADLINE_MS / 1000} s, exiting anyway: connections, the fleet or the store may be left unclosed, virtual time as last saved (every 5 s)\n`);
    (deps.exit ?? ((code) => process.exit(code)))(ExitCode.Failed);
    return ExitCode.Failed;
  }
  stderr.write(`fleetrig serve: ${why}; closed\n`);
  return ExitCode.Passed;
}
