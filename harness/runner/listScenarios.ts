import type { LoadError } from '../scenario/loadErrors.ts';
import { loadFiles } from '../scenario/validateFiles.ts';
import { selectScenarios } from './runFiles.ts';
import { shardFiles, type Shard } from './shardFiles.ts';

/** One scenario as `fleetrig run --list` shows it. */
export interface ListedScenario {
  readonly file: string;
  readonly line?: number;
  readonly name: string;
}

/** The scenarios `fleetrig run <paths> [--grep] [--shard]` would run, in run order; runs nothing. */
export async function listScenarios(paths: string[], grep?: RegExp, shard?: Shard): Promise<{ scenarios: ListedScenario[]; errors: LoadError[] }> {
  const loaded = await loadFiles(paths);
  const selected = selectScenarios(loaded.scenarios, grep);
  const files = shard === undefined ? undefined : new Set(shardFiles([...new Set(selected.map((s) => s.file))], shard));
  const scenarios = selected.filter((s) => files === undefined || files.has(s.file)).map(({ file, line, name }) => (line === undefined ? { file, name } : { file, line, name }));
  return { scenarios, errors: loaded.errors };
}
