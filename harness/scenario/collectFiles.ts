import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { LoadError } from './loadErrors.ts';

const SCENARIO_FILE = /\.ya?ml$/;

/** Scenario files named on the command line: files as given, directories searched for *.yaml. */
export async function collectFiles(paths: readonly string[]): Promise<{ files: string[]; errors: LoadError[] }> {
  const files: string[] = [];
  const errors: LoadError[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) errors.push({ file: path, message: 'no such file or directory' });
    else if (info.isDirectory()) files.push(...(await walk(path)));
    else files.push(path);
  }
  const unique = [...new Set(files)];
  if (unique.length === 0 && errors.length === 0) errors.push({ file: paths.join(' '), message: 'no scenario files (*.yaml) found' });
  return { files: unique, errors };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && SCENARIO_FILE.test(e.name))
    .map((e) => join(relative('.', e.parentPath) || '.', e.name))
    .sort();
}
