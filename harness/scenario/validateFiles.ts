import { readFile } from 'node:fs/promises';
import { createCatalogue } from '../catalogue.ts';
import { collectFiles } from './collectFiles.ts';
import { parseScenarios, type ScenarioVocabulary, type Scenario } from './parseScenarios.ts';
import type { LoadError } from './loadErrors.ts';
import { decodeScenarioText, tooLarge } from './decodeScenarioText.ts';
import { SCENARIO_LIMITS } from './checkDocument.ts';

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
    const parsed = parseScenarioFile(bytes, file, catalogue);
    scenarios.push(...parsed.scenarios);
    errors.push(...parsed.errors);
  }
  return { files, scenarios, errors };
}

/** A scenario file's bytes, checked as UTF-8 and then as scenarios. */
export function parseScenarioFile(bytes: Uint8Array, file: string, catalogue: ScenarioVocabulary): { scenarios: Scenario[]; errors: LoadError[] } {
  const large = tooLarge(bytes, file, SCENARIO_LIMITS.fileBytes);
  if (large) return { scenarios: [], errors: [large] };
  const decoded = decodeScenarioText(bytes, file);
  if (!decoded.ok) return { scenarios: [], errors: [decoded.error] };
  return parseScenarios(decoded.text, file, catalogue);
}

export async function validateFiles(paths: string[]): Promise<{ files: string[]; errors: LoadError[] }> {
  const { files, errors } = await loadFiles(paths);
  return { files, errors };
}
