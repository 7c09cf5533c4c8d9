import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../harness/catalogue.ts';

/** Every step kind a scenario may use is documented for the people who write scenarios. */
const DOCS = join(import.meta.dirname, '..', 'docs');
const text = readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(DOCS, f), 'utf8')).join('\n');

describe('scenario documentation', () => {
  it.each([...createCatalogue().steps.keys()])('documents the step kind %s', (kind) => {
    expect(text).toContain(`\`${kind}\``);
  });
});
