import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LICENSE_SERVER_USER } from '../../broker/brokerSecret.ts';
import { mosquittoCredentials } from '../../broker/mosquittoCredentials.ts';
import { fail, ok, type Failure, type Result } from '../../protocol/result.ts';
import { createCatalogue, type Catalogue } from '../catalogue.ts';
import { loadFailure, type LoadFailure } from '../scenario/loadErrors.ts';
import { loadFiles } from '../scenario/validateFiles.ts';
import { scenarioDeviceIds } from './scenarioDeviceIds.ts';

export const PASSWORD_FILE = 'fleetrig.passwd';
export const ACL_FILE = 'fleetrig.acl';

export interface WriteCredentialsOptions {
  /** Scenario files and folders whose devices get a user. */
  readonly paths: readonly string[];
  readonly credentialSeed: number;
  /** The folder the files go to; created if missing. */
  readonly outDir: string;
  readonly catalogue?: Catalogue;
}

export interface WrittenCredentials {
  readonly files: readonly string[];
  readonly scenarios: number;
  readonly devices: number;
  /** The service users (the license server). */
  readonly services: readonly string[];
  /** Where each file went. */
  readonly passwordFile: string;
  readonly aclFile: string;
}

/**
 * Writes the Mosquitto password file and ACL for every device the scenarios under `paths` can
 * create, plus the license server, with the passwords `fleetrig run --credentials-seed` uses.
 * Nothing is written when a scenario file is invalid.
 */
export async function writeCredentials(options: WriteCredentialsOptions): Promise<Result<WrittenCredentials, LoadFailure | Failure>> {
  const catalogue = options.catalogue ?? createCatalogue();
  const loaded = await loadFiles(options.paths, catalogue);
  if (loaded.errors.length > 0) return { ok: false, error: loadFailure('SCENARIO_INVALID', loaded.errors) };
  if (loaded.scenarios.length === 0) return { ok: false, error: loadFailure('NO_SCENARIOS', []) };
  const devices = scenarioDeviceIds(loaded.scenarios, catalogue.families);
  const built = mosquittoCredentials({ credentialSeed: options.credentialSeed, devices });
  if (!built.ok) return built;

  const passwordFile = join(options.outDir, PASSWORD_FILE);
  const aclFile = join(options.outDir, ACL_FILE);
  try {
    await mkdir(options.outDir, { recursive: true });
    // The hashes are as good as the passwords to anyone who can guess the seed: owner only.
    await writeFile(passwordFile, built.value.passwordFile, { mode: 0o600 });
    await chmod(passwordFile, 0o600);
    await writeFile(aclFile, built.value.aclFile, { mode: 0o644 });
  } catch (error) {
    return fail('WRITE_FAILED', `cannot write the credentials to ${options.outDir}: ${(error as Error).message}`, options.outDir);
  }
  return ok({ files: loaded.files, scenarios: loaded.scenarios.length, devices: devices.length, services: [LICENSE_SERVER_USER], passwordFile, aclFile });
}
