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
