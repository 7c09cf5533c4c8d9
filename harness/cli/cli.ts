/**
 * The `fleetrig` command line as a function: arguments and streams in, exit code out. It never
 * exits the process, so tests run it in-process with fake streams and injected runner parts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { ExitCode, loadDeps, type CliDeps, type CliIo, type CommandContext } from './CommandContext.ts';
import { registerRun } from './commands/run.ts';
import { registerValidate } from './commands/validate.ts';
import { registerDevice } from './commands/device.ts';
import { registerServe } from './commands/serve.ts';
import { registerCredentials } from './commands/credentials.ts';
import { registerSchema } from './commands/schema.ts';
import { registerMergeReports } from './commands/mergeReports.ts';

/** One entry per command. */
const commands: Array<(program: Command, ctx: CommandContext) => void> = [registerRun, registerValidate, registerDevice, registerServe, registerCredentials, registerMergeReports, registerSchema];

export async function main(argv: string[], io: CliIo, deps?: CliDeps): Promise<number> {
  let exitCode: number = ExitCode.Passed;
  let loaded: Promise<CliDeps> | undefined;
  const ctx: CommandContext = {
    io,
    deps: () => (loaded ??= deps ? Promise.resolve(deps) : loadDeps()),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = createProgram(io);
  for (const register of commands) register(program, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    // One line for a person; the stack for whoever debugs fleetrig itself (DEBUG=fleetrig).
    const debug = (io.env?.DEBUG ?? '').split(/[\s,]+/).some((name) => name === 'fleetrig' || name === '*');
    const detail = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
    // A message of several lines (a native module's) is joined into one, not cut: its reason may be on the second.
    io.stderr.write(`fleetrig: run aborted: ${debug ? detail : detail.replace(/\s*\n\s*/g, ' ')}${debug ? '' : ' (DEBUG=fleetrig shows where)'}\n`);
    return ExitCode.Failed;
  }
}

/** The package's own version, as `npm` installed it. */
const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Settings set here, before the commands are added, are inherited by every command. */
function createProgram(io: CliIo): Command {
  return new Command('fleetrig')
    .description('Emulated fleets of license-managed network appliances and their license cloud, driven through scenarios in virtual time.')
    .version(VERSION, '-v, --version', 'print the version of fleetrig')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', '\nExit codes: 0 all passed, 1 a scenario failed, 2 bad input. See docs/cli.md.');
}

/** Help asked for is success; every usage error (and help shown for want of a command) is bad input. */
function commanderExitCode(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.Passed;
  if (error.code === 'commander.help' && error.exitCode === 0) return ExitCode.Passed;
  return ExitCode.BadInput;
}
