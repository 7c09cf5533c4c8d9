import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..', '..');
const BIN = join(REPO, 'bin', 'fleetrig.js');

/** `fleetrig run scenarios …` as a process; `onLine` sees its stdout line by line, `onError` its stderr, and either may signal it. */
function runProcess(args: string[], onLine: (line: string, signal: (name: NodeJS.Signals) => void) => void, onError: (text: string, signal: (name: NodeJS.Signals) => void) => void = () => {}) {
  const child = spawn(process.execPath, [BIN, 'run', 'scenarios', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) onLine(line, (name) => child.kill(name));
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
    onError(stderr, (name) => child.kill(name));
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('fleetrig run, interrupted', () => {
  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('on %s after the first scenario stops after the step in progress, writes every report, prints the summary and exits %i', async (signal, exitCode) => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-interrupt-'));
    const junit = join(dir, 'out.xml');
    const json = join(dir, 'out.json');
    let sent = false;
    const ended = await runProcess(['--seed', '3', '--junit', junit, '--json', json], (line, send) => {
      if (!sent && line.startsWith('✓')) {
        sent = true;
        send(signal);
      }
    });
    expect(ended.code).toBe(exitCode);
    expect(ended.stderr).toContain(`fleetrig run: ${signal}: stopping after the step in progress and writing the reports`);
    expect(ended.stdout).toMatch(new RegExp(`Interrupted by ${signal}: \\d+ scenarios cut short or not started`));
    expect(ended.stdout).toMatch(/\d+ scenarios: [1-9]\d* passed, 0 failed, [1-9]\d* interrupted · seed 3/);
    expect(ended.stdout).toContain(`◌ `);
    const trace = JSON.parse(readFileSync(json, 'utf8')) as { passed: number; interrupted: number; files: { scenarios: { status: string; failure: { message: string } | null }[] }[] };
    const statuses = trace.files.flatMap((f) => f.scenarios.map((s) => s.status));
    expect(statuses.length).toBe(36);
    expect(statuses.filter((s) => s === 'interrupted')).toHaveLength(trace.interrupted);
    expect(trace.files.flatMap((f) => f.scenarios).find((s) => s.status === 'interrupted')?.failure?.message).toMatch(new RegExp(`^interrupted by ${signal} before`));
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain(`<skipped message="interrupted by ${signal} before`);
    expect(xml.match(/<testcase /g)).toHaveLength(36);
  }, 60_000);

  it('quits at once on a second Ctrl-C, with exit 130 and no reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-interrupt-'));
    const junit = join(dir, 'out.xml');
    let sent = 0;
    // The second only once the first was heard: two signals sent together may arrive as one.
    const ended = await runProcess(['--junit', junit], (line, send) => {
      if (sent === 0 && line.startsWith('fleetrig run ·')) {
        sent = 1;
        send('SIGINT');
      }
    }, (text, send) => {
      if (sent === 1 && text.includes('stopping after the step in progress')) {
        sent = 2;
        send('SIGINT');
      }
    });
    expect(ended.code).toBe(130);
    expect(ended.stderr).toContain('fleetrig run: SIGINT again: quitting without the reports');
    expect(existsSync(junit)).toBe(false);
  }, 60_000);
});
