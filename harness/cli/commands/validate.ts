/** `fleetrig validate <files…>`: checks scenario files against the schema and runs nothing. */
import type { Command } from 'commander';
import { showControls } from '../../report/showControls.ts';
import { ExitCode, type CommandContext } from '../CommandContext.ts';
import { printLoadErrors } from '../printLoadErrors.ts';

const exitCodesHelp = `
Exit codes:
  0  every file is valid
  2  bad input: unknown flag, missing path, invalid scenario file`;

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .summary('check scenario files without running them')
    .description('Check scenario files (and directories, searched for *.yaml) against the scenario schema; every error names file, line, column and YAML path.')
    .argument('<files...>', 'scenario files or directories')
    .addHelpText('after', exitCodesHelp)
    .action(async (files: string[]) => ctx.setExitCode(await validate(files, ctx)));
}

async function validate(paths: string[], ctx: CommandContext): Promise<ExitCode> {
  const { stdout, stderr } = ctx.io;
  const { validateFiles } = await ctx.deps();
  const { files, errors } = await validateFiles(paths);
  const bad = new Set(errors.map((e) => e.file));
  for (const file of files) if (!bad.has(file)) stdout.write(`✓ ${showControls(file)}\n`);
  if (errors.length > 0) {
    printLoadErrors(stderr, errors);
    return ExitCode.BadInput;
  }
  if (files.length === 0) {
    stderr.write(`fleetrig: no scenario files found in ${paths.join(' ')}\n`);
    return ExitCode.BadInput;
  }
  stdout.write(`${files.length} file${files.length === 1 ? '' : 's'} valid\n`);
  return ExitCode.Passed;
}
