import type { LoadError } from '../scenario/loadErrors.ts';
import { loadFiles } from '../scenario/validateFiles.ts';
import { selectScenarios } from './runFiles.ts';

/** One scenario as `fleetrig run --list` shows it. */
export interface ListedScenario {
  readonly file: string;
  readonly line?: number;
  readonly name: string;
}

/** The scenarios `fleetrig run <paths> [--grep]` would run, in run order; runs nothing. */
export async function listScenarios(paths: string[], grep?: RegExp): Promise<{ scenarios: ListedScenario[]; errors: LoadError[] }> {
  const loaded = await loadFiles(paths);
  const scenarios = selectScenarios(loaded.scenarios, grep).map(({ file, line, name }) => (line === undefined ? { file, name } : { file, line, name }));
  return { scenarios, errors: loaded.errors };
}
