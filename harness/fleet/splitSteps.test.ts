import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../catalogue.ts';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'scale.md'), 'utf8');
const catalogue = createCatalogue();

/** The step kinds docs/scale.md lists between `<!-- split-steps: NAME -->` and its end marker. */
function listed(name: string): string[] {
  const block = new RegExp(`<!-- split-steps: ${name} -->([\\s\\S]*?)<!-- /split-steps -->`).exec(DOC)?.[1] ?? '';
  return [...block.matchAll(/`([a-zA-Z.]+)`/g)].map((m) => m[1]!).filter((kind) => kind !== 'parallel');
}

describe('docs/scale.md, what can run split', () => {
  it.each(['devices', 'portal'] as const)('lists exactly the %s steps of the catalogue', (split) => {
    const kinds = [...catalogue.steps.values()].filter((s) => s.split === split).map((s) => s.kind);
    expect(listed(split).sort()).toEqual(kinds.sort());
  });

  it('names every step that cannot run split', () => {
    const rest = [...catalogue.steps.values()].filter((s) => s.split === undefined).map((s) => s.kind);
    const section = DOC.slice(DOC.indexOf('Not split, and refused'), DOC.indexOf('### Limits'));
    for (const kind of rest) expect(section).toContain(`\`${kind}\``);
  });
});
