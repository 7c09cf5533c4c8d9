import { describe, it, expect } from 'vitest';
import type { CliDeps } from './CommandContext.ts';
import { main } from './cli.ts';
import { fakeDeps, fakeIo } from './fakeCli.fixture.ts';

describe('fleetrig --help', () => {
  it('lists the commands and exits 0', async () => {
    const t = fakeIo();
    expect(await main(['--help'], t.io)).toBe(0);
    expect(t.stdout()).toMatch(/Usage: fleetrig/);
    expect(t.stdout()).toMatch(/run \[options\] <paths\.\.\.>/);
    expect(t.stdout()).toMatch(/validate <files\.\.\.>/);
  });

  it('lists every option of run and the exit codes', async () => {
    const t = fakeIo();
    expect(await main(['run', '--help'], t.io)).toBe(0);
    for (const flag of ['--junit <file>', '--json <file>', '--seed <n>', '--realtime', '--broker <url>']) expect(t.stdout()).toContain(flag);
    expect(t.stdout()).toContain('Exit codes:');
  });

  it('prints the scenario JSON Schema, with its stable $id and descriptions, for fleetrig schema', async () => {
    const t = fakeIo();
    expect(await main(['schema'], t.io)).toBe(0);
    const schema = JSON.parse(t.stdout()) as { $id: string; properties: Record<string, { description?: string }> };
    expect(schema.$id).toBe('https://fleetrig.dev/schema/scenario.json');
    expect(schema.properties.steps?.description).toMatch(/one-key mapping/);
  });

  it('describes validate', async () => {
    const t = fakeIo();
    expect(await main(['validate', '--help'], t.io)).toBe(0);
    expect(t.stdout()).toMatch(/Usage: fleetrig validate \[options\] <files\.\.\.>/);
  });

  it('treats no command at all as bad input', async () => {
    const t = fakeIo();
    expect(await main([], t.io)).toBe(2);
    expect(t.stderr()).toMatch(/Usage: fleetrig/);
  });
});

describe('fleetrig', () => {
  it('rejects unknown commands', async () => {
    const t = fakeIo();
    expect(await main(['launch'], t.io)).toBe(2);
    expect(t.stderr()).toContain("unknown command 'launch'");
  });

  it('reports a crash of a command in one line instead of throwing, with the stack only for DEBUG=fleetrig', async () => {
    const deps: CliDeps = { ...fakeDeps().deps, runFiles: async () => Promise.reject(new Error('disk full')) };
    const t = fakeIo();
    expect(await main(['run', 'a.yaml'], t.io, deps)).toBe(1);
    expect(t.stderr()).toBe('fleetrig: run aborted: disk full (DEBUG=fleetrig shows where)\n');
    const twoLines: CliDeps = { ...fakeDeps().deps, runFiles: async () => Promise.reject(new Error('The module x.node\nwas compiled against another Node.js')) };
    const joined = fakeIo();
    await main(['run', 'a.yaml'], joined.io, twoLines);
    expect(joined.stderr()).toBe('fleetrig: run aborted: The module x.node was compiled against another Node.js (DEBUG=fleetrig shows where)\n');
    const debug = fakeIo({ env: { DEBUG: 'mqttjs,fleetrig' } });
    expect(await main(['run', 'a.yaml'], debug.io, deps)).toBe(1);
    expect(debug.stderr()).toMatch(/^fleetrig: run aborted: Error: disk full\n\s+at /);
  });
});
