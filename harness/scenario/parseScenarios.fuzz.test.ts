import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../catalogue.ts';
import { main } from '../cli/cli.ts';
import { fakeIo } from '../cli/fakeCli.fixture.ts';
import { parseScenarioFile } from './validateFiles.ts';

/**
 * Mutants of the bundled scenarios — flipped bytes, cut files, repeated lines, injected aliases,
 * stray Unicode and NUL — are loaded like any file: the loader never throws, and every file it
 * refuses gets errors with a line inside the file.
 */
const ROOT = join(import.meta.dirname, '..', '..', 'scenarios');
const bundled = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(ROOT, f)));
const catalogue = createCatalogue();

const file = fc.constantFrom(...bundled);
/** A position in a file, as a fraction of its length, so one arbitrary fits every file. */
const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const cut = (bytes: Buffer, where: number) => Math.floor(where * bytes.length);

const splice = (bytes: Buffer, where: number, insert: Buffer | string, remove = 0): Buffer => {
  const i = cut(bytes, where);
  return Buffer.concat([bytes.subarray(0, i), Buffer.from(insert), bytes.subarray(i + remove)]);
};

const lineAt = (text: string, where: number): { start: number; end: number } => {
  const i = Math.floor(where * text.length);
  const start = text.lastIndexOf('\n', i - 1) + 1;
  const end = text.indexOf('\n', i);
  return { start, end: end === -1 ? text.length : end + 1 };
};

const BILLION_LAUGHS = ['x0: &l0 [a, a, a, a, a, a, a, a, a, a]', ...Array.from({ length: 9 }, (_, i) => `x${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`)].join('\n');

const mutants = {
  'flipped bytes': fc.tuple(file, fc.array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 })).map(([bytes, flips]) => {
    const out = Buffer.from(bytes);
    for (const [where, value] of flips) out[cut(out, where)] = value;
    return out;
  }),
  'truncated': fc.tuple(file, at).map(([bytes, where]) => bytes.subarray(0, cut(bytes, where))),
  'a line repeated': fc.tuple(file, at, fc.integer({ min: 1, max: 3 })).map(([bytes, where, times]) => {
    const text = bytes.toString('utf8');
    const { start, end } = lineAt(text, where);
    const line = text.slice(start, end);
    return Buffer.from(text.slice(0, end) + (line.endsWith('\n') ? line : `\n${line}`).repeat(times) + text.slice(end));
  }),
  'aliases injected': fc.tuple(file, at, at, fc.constantFrom('&a ', '*a', '*nope', '&a [*a]', '<<: *a', '*a: 1', `\n${BILLION_LAUGHS}\n`)).map(([bytes, first, second, alias]) => {
    const anchored = splice(bytes, first, '&a ');
    return splice(anchored, second, alias);
  }),
  'unicode, controls and NUL inserted': fc.tuple(file, at, fc.string({ unit: fc.constantFrom('\0', '\x1b', '\u0085', '\u2028', '\uFEFF', '\uFFFF', '\uD800', 'é', '\u{1F600}', '\t', ':', '-', '[', '{', '"', "'", '#', '\n  ', '!!binary', '%YAML 1.1\n', '---\n'), minLength: 1, maxLength: 6 }))
    .map(([bytes, where, text]) => splice(bytes, where, text)),
  'invalid UTF-8 inserted': fc.tuple(file, at, fc.uint8Array({ minLength: 1, maxLength: 4, min: 0x80, max: 0xff })).map(([bytes, where, bad]) => splice(bytes, where, Buffer.from(bad))),
};

/** Lines in a file, so an error's line can be checked against it (one past the end is EOF). */
const linesIn = (bytes: Buffer) => bytes.toString('utf8').split('\n').length;

describe('scenario loader on mutated scenario files', () => {
  it.each(Object.entries(mutants))('%s: a result or errors with file and line, never a throw', (_name, mutant) => {
    fc.assert(
      fc.property(mutant, (bytes) => {
        const { scenarios, errors } = parseScenarioFile(bytes, 'm.yaml', catalogue);
        expect(scenarios.length > 0 || errors.length > 0).toBe(true);
        for (const e of errors) {
          expect(e.file).toBe('m.yaml');
          expect(e.line, e.message).toBeGreaterThanOrEqual(1);
          expect(e.line, e.message).toBeLessThanOrEqual(linesIn(bytes) + 1);
          expect(e.message).not.toMatch(/^\s*at |\n\s+at /);
        }
      }),
    );
  });

  it('fleetrig validate exits 0 or 2 on any mutant, each error line starting file:line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-fuzz-'));
    const path = join(dir, 'm.yaml');
    await fc.assert(
      fc.asyncProperty(fc.oneof(...Object.values(mutants)), async (bytes) => {
        writeFileSync(path, bytes);
        const t = fakeIo();
        const code = await main(['validate', path], t.io);
        expect([0, 2], t.stderr()).toContain(code);
        if (code === 2) {
          const lines = t.stderr().trimEnd().split('\n');
          expect(lines.at(-1)).toMatch(/^fleetrig: \d+ errors? in 1 file$/);
          for (const line of lines.slice(0, -1)) expect(line.startsWith(`${path}:`) && /^\d+/.test(line.slice(path.length + 1)), line).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
