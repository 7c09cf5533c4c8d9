import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../catalogue.ts';
import { parseScenarios } from './parseScenarios.ts';
import { formatLoadError } from './loadErrors.ts';
import { SCENARIO_LIMITS } from './checkDocument.ts';

/** Hostile scenario files are refused with file:line:column, never with a thrown error. */
const errorsOf = (text: string) => parseScenarios(text, 'x.yaml', createCatalogue()).errors.map(formatLoadError);
const HEAD = 'name: x\nfleet:\n  - family: gateway\n';

function billionLaughs(): string {
  let text = `${HEAD}x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i < 10; i++) text += `x${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  return `${text}steps:\n  - advance: 1h\n`;
}

describe('scenario documents: aliases, duplicate keys, huge mappings', () => {
  it('refuses an alias that names no anchor, at the alias', () => {
    expect(errorsOf(`${HEAD}steps:\n  - advance: *nope\n`)).toEqual(['x.yaml:5:14: YAML: alias *nope names no anchor before it (write &nope on an earlier value)']);
  });

  it('refuses an alias written before its anchor', () => {
    expect(errorsOf(`${HEAD}steps:\n  - advance: *d\n  - advance: &d 1h\n`)[0]).toMatch(/^x\.yaml:5:14: YAML: alias \*d names no anchor/);
  });

  it('refuses a billion-laughs file at the alias that passes the limit', () => {
    expect(errorsOf(billionLaughs())).toEqual([`x.yaml:7:45: YAML: too many alias resolutions (1008 by this one; at most ${SCENARIO_LIMITS.aliasResolutions} are allowed per document)`]);
  });

  it('refuses an alias inside the value it names', () => {
    expect(errorsOf(`${HEAD}loop: &l [a, *l]\nsteps:\n  - advance: 1h\n`)).toEqual(['x.yaml:4:14: YAML: alias *l sits inside the value it names, which would make it endless']);
  });

  it('accepts an anchor reused 150 times, within the limit, with each use resolved', () => {
    const text = `${HEAD}steps:\n  - advance: &d 1h\n${'  - advance: *d\n'.repeat(150)}`;
    const { scenarios, errors } = parseScenarios(text, 'x.yaml', createCatalogue());
    expect(errors).toEqual([]);
    expect(scenarios[0]!.steps).toHaveLength(151);
    expect(scenarios[0]!.steps[150]!.args).toEqual({ months: 0, ms: 3_600_000 });
  });

  it('refuses a mapping of more keys than the limit, at the first key past it', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `      k${i}: 1\n`).join('');
    expect(errorsOf(`${HEAD}steps:\n  - expect:\n${keys}`)).toEqual([`x.yaml:1006:7: YAML: a mapping of 60000 keys; at most ${SCENARIO_LIMITS.mapKeys} are allowed`]);
  });

  it('finds a duplicate among many keys, at the second one, in flow mappings too', () => {
    const keys = Array.from({ length: 900 }, (_, i) => `      k${i}: 1\n`).join('');
    expect(errorsOf(`${HEAD}steps:\n  - expect:\n${keys}      k3: 2\n`)).toEqual(["x.yaml:906:7: YAML: duplicate key 'k3'"]);
    expect(errorsOf(`${HEAD}steps:\n  - expect: { devices: a, devices: b }\n`)).toEqual(["x.yaml:5:27: YAML: duplicate key 'devices'"]);
  });

  it('tells a number key from a string key, as YAML does', () => {
    expect(errorsOf(`${HEAD}steps:\n  - expect: { devices: gw-001, licenses: { 1: 1, "1": 2 } }\n`).join()).not.toContain('duplicate key');
  });
});
