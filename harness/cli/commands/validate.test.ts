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
