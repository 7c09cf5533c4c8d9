import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import type { CliDeps } from '../CommandContext.ts';
import { main } from '../cli.ts';
import { fakeDeps, fakeIo } from '../fakeCli.fixture.ts';

describe('fleetrig validate', () => {
  it('lists the valid files and exits 0', async () => {
    const t = fakeIo();
    expect(await main(['validate', 'a.yaml', 'b.yaml'], t.io, fakeDeps().deps)).toBe(0);
    expect(t.stdout()).toBe('✓ a.yaml\n✓ b.yaml\n2 files valid\n');
  });

  it('exits 2 with each error as file:line:col: path: message', async () => {
    const deps: CliDeps = {
      ...fakeDeps().deps,
      validateFiles: async () => ({ files: ['a.yaml', 'b.yaml'], errors: [{ file: 'b.yaml', line: 4, column: 3, path: 'devices[0].family', message: 'unknown family "gatewy"' }] }),
    };
    const t = fakeIo();
    expect(await main(['validate', 'a.yaml', 'b.yaml'], t.io, deps)).toBe(2);
    expect(t.stdout()).toBe('✓ a.yaml\n');
    expect(t.stderr()).toBe('b.yaml:4:3: devices[0].family: unknown family "gatewy"\nfleetrig: 1 error in 1 file\n');
  });

  it('names a path that does not exist (real loader)', async () => {
    const t = fakeIo();
    expect(await main(['validate', 'no/such/file.yaml'], t.io)).toBe(2);
    expect(t.stderr()).toContain('no/such/file.yaml: no such file or directory');
  });

  it("prints docs/cli.md's example, byte for byte (real loader)", async () => {
    const repo = join(import.meta.dirname, '..', '..', '..');
    const doc = readFileSync(join(repo, 'docs', 'cli.md'), 'utf8');
    const example = /## `fleetrig validate`[\s\S]*?```\n([\s\S]*?)```/.exec(doc)![1]!;
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-validate-'));
    mkdirSync(join(dir, 'scenarios', 'gateway'), { recursive: true });
    copyFileSync(join(repo, 'scenarios', 'gateway', 'move-license.yaml'), join(dir, 'scenarios', 'gateway', 'move-license.yaml'));
    const testMode = readFileSync(join(repo, 'scenarios', 'gateway', 'test-mode.yaml'), 'utf8');
    writeFileSync(join(dir, 'scenarios', 'gateway', 'test-mode.yaml'), testMode.replace('family: gateway', 'family: gatewy'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const t = fakeIo();
      expect(await main(['validate', 'scenarios/gateway/move-license.yaml', 'scenarios/gateway/test-mode.yaml'], t.io)).toBe(2);
      expect(t.stdout() + t.stderr()).toBe(example);
    } finally {
      process.chdir(cwd);
    }
  });
});

/** Files a fuzzer or an attacker might write: each refused with file:line:col and exit 2, no stack. */
function hostileFiles(): Record<string, { text: string | Buffer; error: string }> {
  const head = 'name: x\nfleet:\n  - family: gateway\nsteps:\n';
  let laughs = 'name: x\nfleet:\n  - family: gateway\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 10; i++) laughs += `x${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const huge = `${head}  - expect:\n${Array.from({ length: 60_000 }, (_, i) => `      k${i}: 1\n`).join('')}`;
  const limit = huge.slice(0, 256 * 1024);
  const wide = `${head}  - expect: { ${Array.from({ length: 20_000 }, (_, i) => `"k${i}": 1`).join(', ')} }\n`;
  return {
    'undefined-alias.yaml': { text: `${head}  - advance: *nope\n`, error: ':5:14: YAML: alias *nope names no anchor before it' },
    'billion-laughs.yaml': { text: `${laughs}steps:\n  - advance: 1h\n`, error: ':7:45: YAML: too many alias resolutions' },
    'huge-step.yaml': { text: huge, error: `:${limit.split('\n').length}:${limit.length - limit.lastIndexOf('\n')}: the file is ${Math.ceil(huge.length / 1024)} KiB; a scenario file may be at most 256 KiB` },
    'wide-step.yaml': { text: wide, error: `:5:${wide.indexOf('"k1000"') - wide.lastIndexOf('\n', wide.length - 2)}: YAML: a mapping of 20000 keys; at most 1000 are allowed` },
    'nul.yaml': { text: `${head}  - advance: 1h\0\n`, error: ':5:16: a NUL byte (U+0000) is not allowed' },
    'not-utf8.yaml': { text: Buffer.concat([Buffer.from(`${head}  - advance: 1h # `), Buffer.from([0xff]), Buffer.from('\n')]), error: ':5:19: not UTF-8: byte 0xFF' },
  };
}

describe('fleetrig validate and run on hostile files (real loader)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleetrig-hostile-'));
  const files = Object.entries(hostileFiles()).map(([name, { text, error }]) => {
    writeFileSync(join(dir, name), text);
    return { file: join(dir, name), error };
  });

  it.each(files)('validate $file exits 2 naming file:line:col', async ({ file, error }) => {
    const t = fakeIo();
    expect(await main(['validate', file], t.io)).toBe(2);
    expect(t.stderr()).toContain(`${file}${error}`);
    expect(t.stderr()).toMatch(/\nfleetrig: 1 error in 1 file\n$/);
    expect(t.stderr()).not.toMatch(/\bat .*:\d+:\d+\)|run aborted/);
  });

  it.each(files)('run $file exits 2 naming file:line:col, and runs nothing', async ({ file, error }) => {
    const t = fakeIo();
    expect(await main(['run', file, '--transport', 'memory'], t.io)).toBe(2);
    expect(t.stderr()).toContain(`${file}${error}`);
    expect(t.stdout()).toBe('');
    expect(t.stderr()).not.toMatch(/\bat .*:\d+:\d+\)|run aborted/);
  });

  it('accepts an anchor reused 150 times: within the limit of 1000 alias resolutions', async () => {
    const file = join(dir, 'reused-anchor.yaml');
    writeFileSync(file, `name: x\nfleet:\n  - family: gateway\nsteps:\n  - advance: &d 1h\n${'  - advance: *d\n'.repeat(150)}`);
    const t = fakeIo();
    expect(await main(['validate', file], t.io)).toBe(0);
    expect(t.stdout()).toBe(`✓ ${file}\n1 file valid\n`);
  });
});

