import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');

/** The shell block of docs/firmware-developers.md between its walkthrough markers. */
function walkthrough(): string {
  const doc = readFileSync(join(REPO, 'docs', 'firmware-developers.md'), 'utf8');
  const block = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(doc);
  if (!block) throw new Error('docs/firmware-developers.md has no walkthrough block');
  return block[1]!;
}

describe("docs/firmware-developers.md's walkthrough against fleetrig serve", () => {
  it('[GW-1][GW-2][GW-6] runs as written: registered, bound, downloaded over MQTT with mosquitto_rr, verified offline', () => {
    for (const tool of ['curl', 'jq', 'mosquitto_rr']) {
      expect(spawnSync('sh', ['-c', `command -v ${tool}`]).status, `${tool} is needed (.ci/system-deps installs it)`).toBe(0);
    }
    const work = mkdtempSync(join(tmpdir(), 'fleetrig-walkthrough-'));
    // It runs where the reader stands, the repository's folder; the files it leaves
    // (serve.out, device.json, …) are moved to a scratch folder afterwards.
    const leftovers = ['serve.out', 'serve.err', 'device.json', 'reply.json', 'keys.json'];
    const script = `set -euo pipefail\n${walkthrough()}\nmv ${leftovers.join(' ')} ${JSON.stringify(work)}/`;
    let run;
    try {
      run = spawnSync('bash', ['-c', script], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    } finally {
      for (const file of leftovers) rmSync(join(REPO, file), { force: true });
    }
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^verified Port for 009033F[0-9A-F]{6}\n$/);
  }, 90_000);
});
