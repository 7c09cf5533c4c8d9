import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { behaviourIds } from '../harness/behaviours.ts';

/** Every behaviour ID of the spec must name at least one test or bundled scenario. */
const ROOT = join(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'reports', 'coverage']);

function files(dir: string, match: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? files(path, match) : match.test(e.name) ? [path] : [];
  });
}

/** IDs in brackets in test names (`it('[GW-5] …'`, `describe('[GW-5]…'`) and scenario names. */
function taggedIds(): Set<string> {
  const ids = new Set<string>();
  const collect = (text: string) => {
    for (const tag of text.matchAll(/\[((?:[A-Z]{2}-\d+)(?:\]\[[A-Z]{2}-\d+)*)\]/g)) for (const id of tag[1]!.split('][')) ids.add(id);
  };
  for (const file of files(ROOT, /\.test\.ts$/)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:it|test|describe)(?:\.\w+)?\(\s*(['"`])(.*?)\1/g)) collect(m[2]!);
  }
  for (const file of files(join(ROOT, 'scenarios'), /\.ya?ml$/)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^name:\s*(.*)$/gm)) collect(m[1]!);
  }
  return ids;
}

describe('behaviour coverage', () => {
  const tagged = taggedIds();
  it.each(behaviourIds())('%s names a test or bundled scenario', (id) => {
    expect(tagged.has(id), `no test or scenario name carries [${id}]`).toBe(true);
  });
});
