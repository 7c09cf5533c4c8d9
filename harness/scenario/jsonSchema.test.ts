import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { createCatalogue } from '../catalogue.ts';
import { scenarioJsonSchema } from './jsonSchema.ts';

/** The generated JSON Schema accepts what the loader accepts, so editors never mislead. */
const ROOT = join(import.meta.dirname, '..', '..', 'scenarios');
const bundled = readdirSync(ROOT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(scenarioJsonSchema(createCatalogue()));

describe('scenario JSON Schema', () => {
  it.each(bundled)('accepts the bundled scenario %s', (file) => {
    const doc = parse(readFileSync(join(ROOT, file), 'utf8'));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses a misspelt field and an unknown step kind', () => {
    const base = { name: 'x', fleet: [{ family: 'gateway' }], steps: [{ advance: '1h' }] };
    expect(validate(base)).toBe(true);
    expect(validate({ ...base, fleet: [{ family: 'gateway', cont: 2 }] })).toBe(false);
    expect(validate({ ...base, steps: [{ advanse: '1h' }] })).toBe(false);
    expect(validate({ ...base, fleet: [{ family: 'toaster' }] })).toBe(false);
    expect(validate({ ...base, steps: [{ say: 'An hour passes.', advance: '1h' }] })).toBe(true);
    expect(validate({ ...base, steps: [{ say: 3, advance: '1h' }] })).toBe(false);
  });

  it('refuses a duration as prose, as the loader does: `advance: 8 hours`', () => {
    const base = { name: 'x', fleet: [{ family: 'gateway' }] };
    expect(validate({ ...base, steps: [{ advance: '2h30m' }] })).toBe(true);
    expect(validate({ ...base, steps: [{ advance: '8 hours' }] })).toBe(false);
    expect(validate({ ...base, steps: [{ wait: { devices: 'gw-001', state: 'running', within: 'soon' } }] })).toBe(false);
  });
});

describe('scenario JSON Schema as editor help', () => {
  const schema = scenarioJsonSchema(createCatalogue());

  /** Every `properties` entry anywhere in the schema, by its path. */
  const properties = (node: unknown, path = ''): Array<[string, Record<string, unknown>]> => {
    if (Array.isArray(node)) return node.flatMap((n, i) => properties(n, `${path}[${i}]`));
    if (node === null || typeof node !== 'object') return [];
    const own = Object.entries((node as { properties?: Record<string, Record<string, unknown>> }).properties ?? {}).map(
      ([key, value]) => [`${path}.${key}`, value] as [string, Record<string, unknown>],
    );
    return [...own, ...Object.entries(node).flatMap(([key, value]) => properties(value, `${path}/${key}`))];
  };

  it('describes every property: each field, step kind and probe says what it is in a hover', () => {
    const all = properties(schema);
    expect(all.length).toBeGreaterThan(300);
    expect(all.filter(([, value]) => typeof value.description !== 'string' || value.description === '').map(([path]) => path)).toEqual([]);
  });

  it('keeps a stable $id for other repositories to point at', () => {
    expect(schema.$id).toBe('https://fleetrig.dev/schema/scenario.json');
  });

  it('types the probes of expect and wait: `state: runing` and a count as text are refused', () => {
    const base = { name: 'x', fleet: [{ family: 'gateway' }] };
    expect(validate({ ...base, steps: [{ expect: { devices: 'gw-001', state: 'running', licenses: { Mobility: 2 } } }] })).toBe(true);
    expect(validate({ ...base, steps: [{ expect: { devices: 'gw-001', state: 'runing' } }] })).toBe(false);
    expect(validate({ ...base, steps: [{ wait: { devices: 'gw-001', state: 'runing', within: '1m' } }] })).toBe(false);
    expect(validate({ ...base, steps: [{ expect: { devices: 'gw-001', licenses: { Mobility: 'two' } } }] })).toBe(false);
    expect(validate({ ...base, steps: [{ expect: { devices: 'gw-001', testLicense: 'expird' } }] })).toBe(false);
    expect(validate({ ...base, steps: [{ expect: { devices: 'ss-001', activation: 'activating', fieldDevices: { provisioned: 3 } } }] })).toBe(true);
    expect(validate({ ...base, steps: [{ expect: { devices: 'ss-001', fieldDevices: { green: 3 } } }] })).toBe(false);
  });
});
