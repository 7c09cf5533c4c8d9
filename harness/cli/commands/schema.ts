/** `fleetrig schema`: prints the JSON Schema of scenario files, for editors and other repos. */
import type { Command } from 'commander';
import { ExitCode, type CommandContext } from '../CommandContext.ts';

export function registerSchema(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .summary('print the JSON Schema of scenario files')
    .description(
      'Print the JSON Schema of scenario files, generated from the same definitions the loader checks against: every field, step kind and probe with its description. The package also ships it as scenarios/scenario.schema.json; its $id is stable.',
    )
    .action(async () => {
      // Loaded here, not at start-up: the catalogue pulls in every family, and --help must stay instant.
      const [{ createCatalogue }, { scenarioJsonSchema }] = await Promise.all([import('../../catalogue.ts'), import('../../scenario/jsonSchema.ts')]);
      ctx.io.stdout.write(`${JSON.stringify(scenarioJsonSchema(createCatalogue()), null, 2)}\n`);
      ctx.setExitCode(ExitCode.Passed);
    });
}
