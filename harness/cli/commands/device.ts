/** `fleetrig device <family>`: one appliance on the wall clock, its serial console on a pty, TCP or this terminal. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Readable } from 'node:stream';
import { freshSeed } from '../../../emulator/random/Random.ts';
import type { Result } from '../../../protocol/result.ts';
import type { RunDeviceOptions, RunningDevice } from '../../device/runDevice.ts';
import { describeSeededPortal } from '../../device/describeSeededPortal.ts';
import { parseSerialMode, type SerialMode } from '../../device/serialMode.ts';
import { ExitCode, type CliIo, type CommandContext } from '../CommandContext.ts';
import { untilSignal } from '../untilSignal.ts';
import { CREDENTIALS_SEED_ENV, credentialSeedFromEnv, parseBrokerUrl, parseSeed, parseServerUrl } from '../flagParsers.ts';

interface DeviceFlags {
  serial?: SerialMode;
  broker?: string;
  server?: string;
  token?: string;
  seed?: number;
  credentialsSeed?: number;
  emptyPortal?: boolean;
}

/** The real CLI passes `process` as its io, so stdin is there for the stdio console. */
type DeviceIo = CliIo & { stdin?: Readable };

export interface DeviceCommandDeps {
  runDevice(options: RunDeviceOptions): Promise<Result<RunningDevice>>;
  /** Resolves with what asked the device to stop; SIGINT or SIGTERM by default. */
  untilStopped(): Promise<string>;
}

const help = `
Serial modes:
  stdio       the console on this terminal (default)
  pty         a new pseudo-terminal; its path is the first line on stdout ("serial: /dev/pts/5"),
              for picocom, minicom, screen or pyserial (115200 8N1); needs socat
  tcp:PORT    the console on 127.0.0.1:PORT, one session per connection (tcp:0 picks a free port)

The in-process portal is seeded so the family's success path works from the console (an
order bound to the gateway, a SmartServer customer with licenses, an audio account's
provisioning token, a video access token with entitlements); stderr says what to type.
Framed requests (docs/serial.md) written on the console are answered by the license server.

The device runs until Ctrl-C (SIGINT) or SIGTERM; in stdio mode also until stdin ends.
See docs/firmware-developers.md.

Exit codes:
  0  stopped as asked
  1  the device could not run or its serial side failed (socat missing, port in use, broker unreachable)
  2  bad input: unknown family, unknown flag, bad flag value`;

export function createDeviceCommand(deps: Partial<DeviceCommandDeps> = {}): (program: Command, ctx: CommandContext) => void {
  return (program, ctx) => {
    program
      .command('device')
      .summary('run one appliance with its serial console on a pty, a TCP port or this terminal')
      .description('Run one virtual appliance of <family> on the wall clock, with the license server in this process, and attach its serial console (115200 8N1) for a firmware developer.')
      .argument('<family>', 'appliance family, e.g. gateway or smartserver')
      .addOption(new Option('--serial <mode>', 'where the console goes: stdio, pty or tcp:PORT').argParser(serialFlag))
      .addOption(new Option('--broker <url>', 'reach the license server through the MQTT broker at mqtt://host:port').argParser(parseBrokerUrl).conflicts('server'))
      .addOption(new Option('--server <url>', 'join a running fleetrig serve at http://host:port instead of a license server in this process').argParser(parseServerUrl))
      .addOption(new Option('--token <token>', 'with --server: the service\'s administrator token, which registering the device needs (default: $FLEETRIG_TOKEN)'))
      .addOption(new Option('--empty-portal', 'start the in-process portal empty instead of seeding it for the family\'s success path').conflicts('server'))
      .addOption(new Option('--seed <n>', 'seed for the device\'s identity and keys and for the seeded portal; printed when not given').argParser(parseSeed))
      .addOption(new Option('--credentials-seed <n>', `with --broker: seed of the broker passwords, as for \`fleetrig credentials --seed <n>\` (default: $${CREDENTIALS_SEED_ENV}, else --seed)`).argParser(parseSeed))
      .addHelpText('after', help)
      .action(async (family: string, flags: DeviceFlags) => ctx.setExitCode(await device(family, flags, ctx, deps)));
  };
}

export const registerDevice = createDeviceCommand();

async function device(family: string, flags: DeviceFlags, ctx: CommandContext, deps: Partial<DeviceCommandDeps>): Promise<ExitCode> {
  const { stdout, stderr } = ctx.io;
  const serial = flags.serial ?? { kind: 'stdio' };
  const seed = flags.seed ?? freshSeed();
  let credentialSeed = flags.credentialsSeed;
  try {
    credentialSeed ??= credentialSeedFromEnv(ctx.io.env ?? {});
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    stderr.write(`fleetrig device: ${error.message}\n`);
    return ExitCode.BadInput;
  }
  const run = deps.runDevice ?? (await import('../../device/runDevice.ts')).runDevice;
  const started = await run({
    family, serial, seed, brokerUrl: flags.broker, credentialSeed, stdin: (ctx.io as DeviceIo).stdin, stdout, ...(flags.emptyPortal ? { emptyPortal: true } : {}),
    ...(flags.server === undefined ? {} : { serverUrl: flags.server }), ...(flags.token ?? ctx.io.env?.FLEETRIG_TOKEN ? { token: flags.token ?? ctx.io.env?.FLEETRIG_TOKEN } : {}),
  });
  if (!started.ok) {
    stderr.write(`fleetrig device: ${started.error.message}\n`);
    return started.error.code === 'UNKNOWN_FAMILY' ? ExitCode.BadInput : ExitCode.Failed;
  }
  const running = started.value;
  // Scripts read the path from the first line; the rest of what we say goes to stderr.
  if (serial.kind !== 'stdio') stdout.write(`serial: ${running.serial}\n`);
  stderr.write(`fleetrig device: ${running.deviceId} (${family}) on ${running.serial}, 115200 8N1; seed ${seed}; ${running.transport}. Stop with Ctrl-C.\n`);
  if (running.portal) stderr.write(describeSeededPortal(running.portal, running.deviceId));
  const signal = deps.untilStopped ? undefined : untilSignal();
  const stopped = deps.untilStopped?.() ?? signal!.received;
  const why = await Promise.race([stopped, running.ended.then((reason) => ({ ended: reason }))]);
  signal?.cancel();
  if (typeof why !== 'string' && why.ended === 'stdin closed') await running.idle();
  await running.close();
  stderr.write(`fleetrig device: ${typeof why === 'string' ? why : why.ended}; ${running.deviceId} stopped\n`);
  return typeof why === 'string' || why.ended === 'stdin closed' ? ExitCode.Passed : ExitCode.Failed;
}

function serialFlag(value: string): SerialMode {
  const mode = parseSerialMode(value);
  if (!mode.ok) throw new InvalidArgumentError(`${mode.error.message}.`);
  return mode.value;
}
