/** `fleetrig credentials [paths…]`: the broker password file and ACL for an external Mosquitto. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { freshSeed } from '../../../emulator/random/Random.ts';
import { showControls } from '../../report/showControls.ts';
import { ExitCode, type CommandContext } from '../CommandContext.ts';
import { CREDENTIALS_SEED_ENV, credentialSeedFromEnv, parseSeed } from '../flagParsers.ts';
import { printLoadErrors } from '../printLoadErrors.ts';

interface CredentialsFlags {
  format: 'mosquitto';
  out: string;
  seed?: number;
}

const help = `
Writes <out>/fleetrig.passwd (password_file, hashed as mosquitto_passwd does) and
<out>/fleetrig.acl (acl_file: each device its own req/state out and res/cmd in; the
license-server user the server side) for every device the scenarios can create, plus the
license-server user. Without paths, for the scenarios bundled with fleetrig.

Every password derives from the credential seed and the username alone, so the files serve
every scenario of every run with that seed: \`fleetrig run --broker URL --seed N\`, or
\`--credentials-seed N\` to run with another run seed. The seed is --seed, else
${CREDENTIALS_SEED_ENV}, else a fresh one, printed. See docs/mosquitto.md.

Exit codes:
  0  files written
  1  a file could not be written
  2  bad input: unknown flag, bad flag value, missing path, invalid scenario file, no scenarios`;

export function registerCredentials(program: Command, ctx: CommandContext): void {
  program
    .command('credentials')
    .summary('write a Mosquitto password file and ACL for the devices of scenarios')
    .description('Write the broker users of every device the given scenarios (files or directories; the bundled scenarios by default) can create, plus the license server, for an external MQTT broker.')
    .argument('[paths...]', 'scenario files or directories (default: the bundled scenarios)')
    .addOption(new Option('--format <format>', 'what to write').choices(['mosquitto']).default('mosquitto'))
    .option('--out <dir>', 'folder for fleetrig.passwd and fleetrig.acl (created if missing)', '.')
    .addOption(new Option('--seed <n>', `the credential seed (default: $${CREDENTIALS_SEED_ENV}, else a fresh one, printed)`).argParser(parseSeed))
    .addHelpText('after', help)
    .action(async (paths: string[], flags: CredentialsFlags) => ctx.setExitCode(await credentials(paths, flags, ctx)));
}

async function credentials(paths: string[], flags: CredentialsFlags, ctx: CommandContext): Promise<ExitCode> {
  const { stdout, stderr, env = {} } = ctx.io;
  let fromEnv: number | undefined;
  try {
    fromEnv = credentialSeedFromEnv(env);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    stderr.write(`fleetrig credentials: ${error.message}\n`);
    return ExitCode.BadInput;
  }
  const seed = flags.seed ?? fromEnv ?? freshSeed();
  const { writeCredentials } = await import('../../credentials/writeCredentials.ts');
  const { BUNDLED_SCENARIOS } = await import('../../credentials/bundledScenarios.ts');
  const written = await writeCredentials({ paths: paths.length > 0 ? paths : [BUNDLED_SCENARIOS], credentialSeed: seed, outDir: flags.out });
  if (!written.ok) {
    const { error } = written;
    if ('errors' in error && error.errors.length > 0) printLoadErrors(stderr, error.errors);
    else stderr.write(`fleetrig credentials: ${showControls(error.message)}\n`);
    return error.code === 'WRITE_FAILED' ? ExitCode.Failed : ExitCode.BadInput;
  }
  const w = written.value;
  stdout.write(`${showControls(w.passwordFile)}\n${showControls(w.aclFile)}\n`);
  const chosen = flags.seed === undefined && fromEnv === undefined ? ` (picked; pass --seed ${seed} to write the same files again)` : '';
  stderr.write(`fleetrig credentials: ${w.services.length + w.devices} users (${w.services.join(', ')} and ${w.devices} devices of ${w.scenarios} scenarios in ${w.files.length} files), credential seed ${seed}${chosen}; run with --broker URL --credentials-seed ${seed}\n`);
  return ExitCode.Passed;
}
