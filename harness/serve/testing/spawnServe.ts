import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const REPO = join(import.meta.dirname, '..', '..', '..');
const BIN = join(REPO, 'bin', 'fleetrig.js');

/** A `fleetrig serve` process, once its first two lines said where it is and its token. */
export interface SpawnedServe {
  readonly child: ChildProcess;
  /** The first two stdout lines, as printed. */
  readonly lines: readonly [string, string];
  readonly http: string;
  readonly mqtt: string;
  readonly token: string;
  /** Everything it wrote to stdout and stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Its exit code once its streams closed (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

/** Runs `node bin/fleetrig.js serve <args…>` from the repository's folder (give `--http-port 0 --mqtt-port 0`). */
export async function spawnServe(args: readonly string[]): Promise<SpawnedServe> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const [first, second] = await new Promise<string[]>((resolve, reject) => {
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout += `${line}\n`;
      lines.push(line);
      if (lines.length === 2) resolve(lines);
    });
    void exited.then((code) => reject(new Error(`serve exited ${code} before its first two lines: ${stderr}`)));
  });
  const [, http, mqtt] = /^fleetrig serve · (http:\S+) · (mqtt:\S+) · /.exec(first!)!;
  const [, token] = /^administrator token (\S+)$/.exec(second!)!;
  return { child, lines: [first!, second!], http: http!, mqtt: mqtt!, token: token!, stdout: () => stdout, stderr: () => stderr, exited };
}
