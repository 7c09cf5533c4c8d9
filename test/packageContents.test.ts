import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** What `npm pack` would put in the package: what another repository installs. */
function packed(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
}

describe('the package', () => {
  const files = packed();

  it('ships the scenario JSON Schema npm install wrote, for scenarios in other repositories to point at', () => {
    expect(existsSync(join(ROOT, 'scenarios', 'scenario.schema.json')), 'npm install (prepare) writes it').toBe(true);
    expect(files).toContain('scenarios/scenario.schema.json');
  });

  it('ships the command, its sources and the bundled scenarios, and leaves the tests out', () => {
    expect(files).toEqual(expect.arrayContaining(['bin/fleetrig.js', 'harness/cli/main.ts', 'scenarios/gateway/test-mode.yaml', 'docs/cli.md']));
    expect(files.filter((f) => f.endsWith('.test.ts') || f.includes('/testing/'))).toEqual([]);
  });
});
