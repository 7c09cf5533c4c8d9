import { readFile } from 'node:fs/promises';
import { createCatalogue } from '../catalogue.ts';
import { collectFiles } from './collectFiles.ts';
import { parseScenarios, type ScenarioVocabulary, type Scenario } from './parseScenarios.ts';
import type { LoadError } from './loadErrors.ts';
import { decodeScenarioText } from './decodeScenarioText.ts';

export interface Loaded {
  files: string[];
  scenarios: Scenario[];
  errors: LoadError[];
}

/** Reads and checks every scenario file under the given paths; runs nothing. */
export async function loadFiles(paths: readonly string[], catalogue: ScenarioVocabulary = createCatalogue()): Promise<Loaded> {
  const { files, errors } = await collectFiles(paths);
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const bytes = await readFile(file).catch((e: Error) => e);
    if (bytes instanceof Error) {
      errors.push({ file, message: `cannot read: ${bytes.message}` });
      continue;
    }
    const decoded = decodeScenarioText(bytes, file);
    if (!decoded.ok) {
      errors.push(decoded.error);
      continue;
    }
    const parsed = parseScenarios(decoded.text, file, catalogue);
    scenarios.push(...parsed.scenarios);
    errors.push(...parsed.errors);
  }
  return { files, scenarios, errors };
}

export async function validateFiles(paths: string[]): Promise<{ files: string[]; errors: LoadError[] }> {
  const { files, errors } = await loadFiles(paths);
  return { files, errors };
}
