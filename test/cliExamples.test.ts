import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../harness/cli/cli.ts';

/**
 * docs/cli.md's console sample is what `fleetrig run` prints: this test runs
 * test/docExamples/cli-failure.yaml through the CLI and checks the `<!-- example: cli-failure -->`
 * block against its output, wall times aside (they differ on every run). After a deliberate
 * change to the console, `FLEETRIG_WRITE_EXAMPLES=1 npx vitest run test/cliExamples.test.ts` writes it.
 */
const DOC = join(import.meta.dirname, '..', 'docs', 'cli.md');
// Relative to the repository, where vitest runs, as a user would type it there.
const ARGS = ['run', 'test/docExamples/cli-failure.yaml', '--seed', '1804289383'];
const BLOCK = /(<!-- example: (cli-failure) -->\n```\n)([\s\S]*?)\n```/g;
/** Wall times: `56 ms`, `3.1 s`. Virtual times (`8h1m virtual`, `+30s`) are the run's own and stay. */
const wallTimes = (text: string) => text.replace(/\b\d+(?:\.\d)? (?:ms|s)\b/g, '‹wall›');

describe('docs/cli.md console sample', () => {
  let printed: string;

  beforeAll(async () => {
    const out: string[] = [];
    const code = await main(ARGS, { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true }, env: {} });
    expect(code).toBe(1);
    printed = `$ fleetrig ${ARGS.join(' ')}\n${out.join('').trimEnd()}`;
    if (process.env.FLEETRIG_WRITE_EXAMPLES === '1') {
      writeFileSync(DOC, readFileSync(DOC, 'utf8').replace(BLOCK, (_whole, open: string) => `${open}${printed}\n\`\`\``));
    }
  });

  it('[GW-5][GW-9] shows what the tool prints for a run with a failure: the history with its events, the last messages, the summary', () => {
    const block = [...readFileSync(DOC, 'utf8').matchAll(BLOCK)][0];
    expect(block?.[3], 'docs/cli.md has no cli-failure example block; FLEETRIG_WRITE_EXAMPLES=1 writes it').toBeDefined();
    expect(wallTimes(block![3]!)).toBe(wallTimes(printed));
    expect(printed).toContain('(after:bootTime)');
    expect(printed).toContain('last messages of gw-001:');
  });
});
