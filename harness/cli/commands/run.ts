/** `fleetrig run <files|dirs…>`: runs scenarios in virtual time and reports them. */
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { colorsWanted } from '../../report/paint.ts';
import type { ReporterName } from '../../report/reporters.ts';
import { WallClock } from '../../../emulator/clock/wallClock.ts';
import { progressReporter } from '../../report/progressReporter.ts';
import { chooseReporters, collectOutputFile, collectReporter, REPORTER_NAMES } from '../chooseReporters.ts';
import { ExitCode, type CommandContext } from '../CommandContext.ts';
import { DEFAULT_IO_TIMEOUT_MS } from '../../transport/ioTimeout.ts';
import { CREDENTIALS_SEED_ENV, credentialSeedFromEnv, parseBail, parseBrokerUrl, parseGrep, parseIoTimeout, parseFleetId, parseFleetShard, parsePostgresUrl, parseSeed, parseShard, parseWorkers } from '../flagParsers.ts';
import { printLoadErrors } from '../printLoadErrors.ts';

interface RunFlags {
  junit?: string;
  json?: string;
  seed?: number;
  realtime?: boolean;
  broker?: string;
  transport?: 'memory' | 'stream' | 'tcp';
  ioTimeout?: number;
  credentialsSeed?: number;
  grep?: RegExp;
  list?: boolean;
  bail?: number;
  reporter?: ReporterName[];
  outputFile?: { name?: string; path: string }[];
  workers?: number;
  shard?: { index: number; total: number };
  fleetShard?: { index: number; total: number };
  fleetId?: string;
  store?: string;
}

/** As Playwright: half the cores, at least one. */
export const defaultWorkers = (): number => Math.max(1, Math.floor(availableParallelism() / 2));

const exitCodesHelp = `
Exit codes:
  0  every scenario passed
  1  a scenario failed
  2  bad input: unknown flag, bad flag value, missing path, invalid scenario file`;

export function registerRun(program: Command, ctx: CommandContext): void {
  program
    .command('run')
    .summary('run scenarios in virtual time and report them')
    .description('Run every scenario in the given YAML files and directories (searched for *.yaml), each on a fresh fleet in virtual time.')
    .argument('<paths...>', 'scenario files or directories')
    .addOption(new Option('--reporter <name>', `how to report, repeatable: ${REPORTER_NAMES.join(', ')} (default console, and github too in GitHub Actions)`).argParser(collectReporter))
    .addOption(new Option('--output-file <[name=]path>', 'where a file reporter writes, repeatable: junit=reports/junit.xml, or just the path when one file reporter is chosen').argParser(collectOutputFile))
    .option('--junit <file>', 'write JUnit XML for a CI server to <file> (as --reporter junit --output-file junit=<file>)')
    .option('--json <file>', 'write the JSON trace to <file>: identical for the same scenarios and seed (as --reporter json --output-file json=<file>)')
    .addOption(new Option('-t, --grep <pattern>', 'run only the scenarios whose name matches this regular expression, e.g. GW-9 (names carry their behaviour IDs)').argParser(parseGrep))
    .option('--list', 'list the scenarios that would run, with their file and line, and run none')
    .addOption(new Option('--bail [n]', 'stop after n failed scenarios (1 when n is left out); the rest are reported as not run').argParser(parseBail).preset(1))
    .addOption(new Option('--workers <n>', 'run n scenario files at once, each on a worker thread; 1 runs all in this process (default: half the cores; 1 with --broker). The reports are the same for any n').argParser(parseWorkers))
    .addOption(new Option('--shard <i/n>', 'run only the i-th of n parts of the scenario files (sorted by path), for CI jobs side by side; join their --reporter blob files with fleetrig merge-reports').argParser(parseShard))
    .addOption(new Option('--fleet-shard <i/n>', "run only the i-th of n parts of each scenario's fleet, in step with the other parts' processes (on this machine or others): needs --broker, --store and --seed (docs/scale.md)").argParser(parseFleetShard))
    .addOption(new Option('--fleet-id <name>', 'with --fleet-shard: names the fleet on the broker and in the store, the same for every part (default seed-<seed>)').argParser(parseFleetId))
    .addOption(new Option('--store <url>', "with --fleet-shard: the parts' one license store, postgres://user@host:port/db").argParser(parsePostgresUrl))
    .addOption(new Option('--seed <n>', 'seed for every random choice; the run prints the one it picked when not given').argParser(parseSeed))
    .option('--realtime', 'run on the wall clock instead of virtual time (demos, external firmware)')
    .addOption(new Option('--broker <url>', 'use the MQTT broker at mqtt://host:port instead of the in-process one').argParser(parseBrokerUrl))
    .addOption(new Option('--transport <kind>', 'without --broker: the embedded broker in process, over loopback TCP, or in-memory wires with no MQTT at all').choices(['stream', 'tcp', 'memory']).default('stream').conflicts('broker'))
    .addOption(new Option('--io-timeout <ms>', `with --broker or --transport tcp: wall-clock ms a frame may take over the socket before the scenario fails (default ${DEFAULT_IO_TIMEOUT_MS})`).argParser(parseIoTimeout))
    .addOption(new Option('--credentials-seed <n>', `seed of every broker password, for a broker set up with \`fleetrig credentials --seed <n>\` (default: $${CREDENTIALS_SEED_ENV}, else the run seed)`).argParser(parseSeed))
    .addHelpText('after', exitCodesHelp)
    .action(async (paths: string[], flags: RunFlags) => ctx.setExitCode(await run(paths, flags, ctx)));
}

async function run(paths: string[], flags: RunFlags, ctx: CommandContext): Promise<ExitCode> {
  const { stdout, stderr, env = {} } = ctx.io;
  const color = colorsWanted({ isTTY: stdout.isTTY, env });
  let credentialSeed = flags.credentialsSeed;
  try {
    credentialSeed ??= credentialSeedFromEnv(env);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    stderr.write(`fleetrig run: ${error.message}\n`);
    return ExitCode.BadInput;
  }
  // Scenarios side by side on one external broker would share its topics.
  if (flags.broker !== undefined && (flags.workers ?? 1) > 1) {
    stderr.write(`fleetrig run: --workers ${flags.workers} with --broker: scenarios running side by side would share the broker's topics; use --workers 1, or --shard with a broker per job\n`);
    return ExitCode.BadInput;
  }
  const splitProblem = fleetShardProblem(flags);
  if (splitProblem !== undefined) {
    stderr.write(`fleetrig run: ${splitProblem}\n`);
    return ExitCode.BadInput;
  }
  if (flags.list === true) return list(paths, flags, ctx);
  const chosen = chooseReporters(flags, { out: stdout, color, seedGiven: flags.seed !== undefined, env });
  if (!chosen.ok) {
    stderr.write(`fleetrig run: ${chosen.error.message}\n`);
    return ExitCode.BadInput;
  }
  // Progress on standard error, first, so its live line is cleared before a scenario's own line.
  const live = stderr.isTTY === true && env.TERM !== 'dumb';
  const progress = [progressReporter({ out: stderr, clock: new WallClock(), live })];
  const reporters = chosen.value;

  const { runFiles } = await ctx.deps();
  // Loaded here, not at the top, so `--help` does not load mqtt.js.
  const { MqttConnectError } = await import('../../../broker/connect.ts');
  const { FleetSyncError } = await import('../../fleet/fleetSync.ts');
  const fleetSplit = flags.fleetShard === undefined ? undefined : { shard: flags.fleetShard, fleetId: flags.fleetId ?? `seed-${flags.seed!}`, storeUrl: flags.store! };
  const stopping = stopOnSignal(ctx);
  const result = await runFiles({ paths, grep: flags.grep, bail: flags.bail, signal: stopping.signal, seed: flags.seed, realtime: flags.realtime ?? false, brokerUrl: flags.broker, transport: flags.transport, ioTimeoutMs: flags.ioTimeout, credentialSeed, reporters, progress, workers: flags.workers ?? (flags.broker === undefined ? defaultWorkers() : 1), shard: flags.shard, ...(fleetSplit === undefined ? {} : { fleetSplit }) })
    .catch((error: unknown) => (error instanceof MqttConnectError || error instanceof FleetSyncError ? error : Promise.reject(error)))
    .finally(stopping.release);
  // A broker that refuses us, or shards that cannot meet, are not internal errors: one line that says why, no stack.
  if (result instanceof Error) {
    stderr.write(`fleetrig run: ${result.message}\n`);
    return ExitCode.Failed;
  }
  if (!result.ok) {
    printLoadErrors(stderr, result.error.errors);
    return ExitCode.BadInput;
  }
  const run = result.value;
  // More shards than files leaves some empty: nothing to run there is not an error of the job's.
  if (run.shard !== undefined && run.files.length === 0 && run.shard.files.length > 0) {
    stderr.write(`fleetrig run: shard ${run.shard.index}/${run.shard.total} has no scenario file (${run.shard.files.length} file${run.shard.files.length === 1 ? '' : 's'} in ${run.shard.total} shards)\n`);
    return ExitCode.Passed;
  }
  if (run.passed + run.failed + (run.interrupted?.scenarios ?? 0) === 0) {
    stderr.write(`fleetrig: ${noScenarios(paths, flags.grep)}\n`);
    return ExitCode.BadInput;
  }
  if (run.interrupted !== undefined) return run.interrupted.signal === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted;
  return run.failed > 0 ? ExitCode.Failed : ExitCode.Passed;
}

/** Why the flags cannot split a fleet, if they cannot. */
function fleetShardProblem(flags: RunFlags): string | undefined {
  if (flags.fleetShard === undefined) {
    if (flags.store !== undefined) return '--store is the shared store of a split fleet: give it with --fleet-shard i/n';
    if (flags.fleetId !== undefined) return '--fleet-id names a split fleet: give it with --fleet-shard i/n';
    return undefined;
  }
  const { index, total } = flags.fleetShard;
  const missing = [flags.broker === undefined ? '--broker (where the parts meet)' : '', flags.store === undefined ? '--store (their one license store)' : '', flags.seed === undefined ? '--seed (every part must draw the same fleet)' : ''].filter((m) => m !== '');
  if (missing.length > 0) return `--fleet-shard ${index}/${total} needs ${missing.join(', ')}`;
  if (flags.realtime === true) return '--fleet-shard runs in virtual time: the parts keep in step instant by instant, which --realtime cannot';
  if (flags.shard !== undefined) return '--fleet-shard splits each fleet, --shard the files: give one of them';
  return undefined;
}

/** `--list`: `file:line › name` for each scenario a run would run (with `--shard`, that shard), then how many; exit 2 when none. */
async function list(paths: string[], { grep, shard }: RunFlags, ctx: CommandContext): Promise<ExitCode> {
  const { stdout, stderr } = ctx.io;
  const { listScenarios } = await ctx.deps();
  const { scenarios, errors } = await listScenarios(paths, grep, shard);
  if (errors.length > 0) {
    printLoadErrors(stderr, errors);
    return ExitCode.BadInput;
  }
  if (scenarios.length === 0) {
    stderr.write(`fleetrig: ${noScenarios(paths, grep)}\n`);
    return ExitCode.BadInput;
  }
  for (const s of scenarios) stdout.write(`${s.file}${s.line === undefined ? '' : `:${s.line}`} › ${s.name}\n`);
  const files = new Set(scenarios.map((s) => s.file)).size;
  stdout.write(`${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`);
  return ExitCode.Passed;
}

function noScenarios(paths: string[], grep: RegExp | undefined): string {
  return grep === undefined ? `no scenarios found in ${paths.join(' ')}` : `no scenario in ${paths.join(' ')} matches --grep ${grep.source}`;
}

/**
 * The first Ctrl-C or SIGTERM aborts the run's signal: the scenario in progress stops after its
 * step in progress, the rest are marked interrupted and every report is still written. A second
 * one ends the process at once, as a person pressing Ctrl-C twice expects.
 */
function stopOnSignal(ctx: CommandContext): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const source = ctx.io.signals;
  if (source === undefined) return { signal: controller.signal, release: () => {} };
  const release = source.listen((signal) => {
    if (!controller.signal.aborted) {
      ctx.io.stderr.write(`\nfleetrig run: ${signal}: stopping after the step in progress and writing the reports (again to quit at once)\n`);
      controller.abort(signal);
      return;
    }
    ctx.io.stderr.write(`fleetrig run: ${signal} again: quitting without the reports\n`);
    source.exitNow(signal === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted);
  });
  return { signal: controller.signal, release };
}
