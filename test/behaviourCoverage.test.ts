import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { behaviourIds } from '../harness/behaviours.ts';

/**
 * The behaviour catalogue, docs/behaviours.md, lists exactly the IDs of harness/behaviours.ts, and
 * every ID names at least one test or bundled scenario.
 */
const ROOT = join(import.meta.dirname, '..');
const CATALOGUE = 'docs/behaviours.md';
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

/** The IDs of the catalogue's table rows, `| GW-5 | … |`, in page order. */
function catalogueIds(): string[] {
  const text = readFileSync(join(ROOT, CATALOGUE), 'utf8');
  return [...text.matchAll(/^\|\s*([A-Z]{2}-\d+)\s*\|/gm)].map((m) => m[1]!);
}

describe('behaviour coverage', () => {
  it(`${CATALOGUE} lists every behaviour ID once, and no other`, () => {
    expect(catalogueIds().sort()).toEqual(behaviourIds().sort());
  });

  it('tests and scenarios name no ID the catalogue lacks', () => {
    const known = new Set(behaviourIds());
    expect([...taggedIds()].filter((id) => !known.has(id)).sort(), `IDs not in ${CATALOGUE}`).toEqual([]);
  });

  const tagged = taggedIds();
  it.each(behaviourIds())('%s names a test or bundled scenario', (id) => {
    expect(tagged.has(id), `no test or scenario name carries [${id}] (${CATALOGUE})`).toBe(true);
  });
});
