import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listScenarios } from '../../runner/listScenarios.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
const BIN = join(REPO, 'bin', 'fleetrig.js');
const FILES = ['scenarios/audio', 'scenarios/gateway', 'scenarios/video'];

describe('fleetrig run --workers 2, interrupted', () => {
  it('on SIGINT after the first scenario stops every worker, writes every report with the rest interrupted, and exits 130', async () => {
    const bundled = (await listScenarios(FILES.map((f) => join(REPO, f)))).scenarios.length;
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-workers-interrupt-'));
    const junit = join(dir, 'out.xml');
    const json = join(dir, 'out.json');
    const child = spawn(process.execPath, [BIN, 'run', ...FILES, '--seed', '3', '--workers', '2', '--junit', junit, '--json', json], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const first = !stdout.includes('\n✓');
      stdout += chunk;
      if (first && stdout.includes('\n✓')) child.kill('SIGINT');
    });
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toContain('fleetrig run: SIGINT: stopping after the step in progress and writing the reports');
    const trace = JSON.parse(readFileSync(json, 'utf8')) as { passed: number; interrupted: number; files: { scenarios: { status: string }[] }[] };
    const statuses = trace.files.flatMap((f) => f.scenarios.map((s) => s.status));
    expect(statuses).toHaveLength(bundled);
    expect(statuses[0]).toBe('passed');
    expect(trace.interrupted).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 'interrupted')).toHaveLength(trace.interrupted);
    expect(readFileSync(junit, 'utf8').match(/<testcase /g)).toHaveLength(bundled);
    expect(stdout).toMatch(new RegExp(`${bundled} scenarios: [1-9]\\d* passed, 0 failed, [1-9]\\d* interrupted · seed 3`));
  }, 90_000);
});
