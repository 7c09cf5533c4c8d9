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
});
