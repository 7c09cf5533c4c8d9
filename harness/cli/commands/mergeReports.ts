/** `fleetrig merge-reports <dir>`: joins the blobs of a sharded run into the reports one run writes. */
import { Option, type Command } from 'commander';
import { mergeBlobDir } from '../../report/mergeBlobs.ts';
import { colorsWanted } from '../../report/paint.ts';
import type { ReporterName } from '../../report/reporters.ts';
import { chooseReporters, collectOutputFile, collectReporter, REPORTER_NAMES } from '../chooseReporters.ts';
import { ExitCode, type CommandContext } from '../CommandContext.ts';

interface MergeFlags {
  junit?: string;
  json?: string;
  reporter?: ReporterName[];
  outputFile?: { name?: string; path: string }[];
}

const exitCodesHelp = `
Exit codes:
  0  every scenario of every shard passed
  1  a scenario failed or was interrupted
  2  bad input: unknown flag, no blobs, a shard missing or twice, shards of different seeds or files`;

export function registerMergeReports(program: Command, ctx: CommandContext): void {
  program
    .command('merge-reports')
    .summary('join the blob reports of sharded runs into one run\'s reports')
    .description('Read every blob (*.json) that `fleetrig run --shard i/n --reporter blob` wrote into <dir>, and report them as one run of every file: the same JUnit and JSON trace a single run writes.')
    .argument('<dir>', 'the folder of the blobs, e.g. blob-report')
    .addOption(new Option('--reporter <name>', `how to report, repeatable, as for run: ${REPORTER_NAMES.join(', ')} (default console)`).argParser(collectReporter))
    .addOption(new Option('--output-file <[name=]path>', 'where a file reporter writes, repeatable, as for run').argParser(collectOutputFile))
    .option('--junit <file>', 'write the JUnit XML of the whole run to <file>')
    .option('--json <file>', 'write the JSON trace of the whole run to <file>')
    .addHelpText('after', exitCodesHelp)
    .action(async (dir: string, flags: MergeFlags) => ctx.setExitCode(await mergeReports(dir, flags, ctx)));
}

async function mergeReports(dir: string, flags: MergeFlags, ctx: CommandContext): Promise<ExitCode> {
  const { stdout, stderr, env = {} } = ctx.io;
  // Sharded runs that merge share one --seed, so the console has no seed to tell how to repeat.
  const chosen = chooseReporters(flags, { out: stdout, color: colorsWanted({ isTTY: stdout.isTTY, env }), seedGiven: true, env: {} });
  if (!chosen.ok) {
    stderr.write(`fleetrig merge-reports: ${chosen.error.message}\n`);
    return ExitCode.BadInput;
  }
  const merged = await mergeBlobDir(dir);
  if (!merged.ok) {
    stderr.write(`fleetrig merge-reports: ${merged.error.message}\n`);
    return ExitCode.BadInput;
  }
  const run = merged.value;
  const scenarios = run.files.flatMap((f) => f.scenarios);
  const reporters = chosen.value;
  for (const r of reporters) r.onRunStart?.({ seed: run.seed, files: run.files.map((f) => f.file), scenarios: scenarios.length });
  for (const s of scenarios) {
    for (const r of reporters) r.onScenarioStart?.({ file: s.file, name: s.name });
    for (const r of reporters) r.onScenarioEnd?.(s);
  }
  for (const r of reporters) await r.onRunEnd?.(run);
  return run.failed > 0 || run.interrupted !== undefined ? ExitCode.Failed : ExitCode.Passed;
}
