import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './cli.ts';
import { fakeDeps, fakeIo } from './fakeCli.fixture.ts';

describe('fleetrig run --reporter and --output-file', () => {
  it('reports with the named reporters only: dot, github annotations, and files where --output-file says', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleetrig-reporters-'));
    const t = fakeIo();
    const code = await main(['run', 'scenarios', '--seed', '4', '--reporter', 'dot', '--reporter', 'github', '--reporter', 'junit', '--output-file', `junit=${dir}/j.xml`, '--json', `${dir}/t.json`], t.io, fakeDeps().deps);
    expect(code).toBe(1);
    expect(t.stdout()).toContain('·x·\n');
    expect(t.stdout()).toContain('::error file=scenarios/gw-test-mode.yaml,line=14,');
    expect(t.stdout()).not.toContain('✓ ');
    expect(await readFile(join(dir, 'j.xml'), 'utf8')).toContain('<testsuites>');
    expect(JSON.parse(await readFile(join(dir, 't.json'), 'utf8'))).toMatchObject({ seed: 4, failed: 1 });
  });

  it('takes a plain --output-file path for the one file reporter chosen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleetrig-reporters-'));
    expect(await main(['run', 'scenarios', '--reporter', 'json', '--output-file', `${dir}/t.json`], fakeIo().io, fakeDeps().deps)).toBe(1);
    expect(JSON.parse(await readFile(join(dir, 't.json'), 'utf8'))).toMatchObject({ failed: 1 });
  });

  it('adds GitHub annotations to the console by itself in GitHub Actions', async () => {
    const t = fakeIo({ env: { GITHUB_ACTIONS: 'true' } });
    await main(['run', 'scenarios'], t.io, fakeDeps().deps);
    expect(t.stdout()).toContain('✗ scenarios/gw-test-mode.yaml');
    expect(t.stdout()).toContain('::error file=scenarios/gw-test-mode.yaml');
  });

  it.each([
    [['--reporter', 'junit'], 'fleetrig run: --reporter junit writes a file: give it with --output-file junit=PATH (or --junit PATH)\n'],
    [['--reporter', 'junit', '--reporter', 'json', '--output-file', 'x'], 'fleetrig run: --output-file x: say which reporter writes it (junit=x or json=x or html=x or blob=x), as junit and json both write files\n'],
    [['--output-file', 'x.xml'], 'fleetrig run: --output-file x.xml: say which reporter writes it (junit=x.xml or json=x.xml or html=x.xml or blob=x.xml), as no reporter that writes a file is chosen\n'],
    [['--output-file', 'json=x.json'], 'fleetrig run: --output-file json=x.json: no json reporter is chosen; add --reporter json (file reporters: junit, json, html, blob)\n'],
  ])('refuses %j in one line saying how to fix it, running nothing', async (flags, said) => {
    const { deps, calls } = fakeDeps();
    const t = fakeIo();
    expect(await main(['run', 'scenarios', ...flags], t.io, deps)).toBe(2);
    expect(t.stderr()).toBe(said);
    expect(calls).toEqual([]);
  });

  it.each([[['--reporter', 'htm'], "option '--reporter <name>' argument 'htm' is invalid. It must be one of console, dot, github, junit, json, html, blob."], [['--output-file', 'junit='], 'It must be a path']])('rejects %j naming the flag', async (flags, said) => {
    const t = fakeIo();
    expect(await main(['run', 'scenarios', ...flags], t.io, fakeDeps().deps)).toBe(2);
    expect(t.stderr()).toContain(said);
  });
});
