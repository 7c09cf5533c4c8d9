import { spawn } from 'node:child_process';
import type { Clock } from '../../emulator/clock/Clock.ts';
import type { Uart } from '../../emulator/uart/Uart.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { bridgeStream } from './bridgeStream.ts';

export interface PtyBridge {
  /** The pty's slave side, e.g. `/dev/pts/5`: what picocom, screen or pyserial open. */
  readonly path: string;
  /** Resolves with the reason if socat ends on its own. */
  readonly ended: Promise<string>;
  /** Console output dropped because nobody was reading the pty. */
  dropped(): number;
  close(): Promise<void>;
}

export interface OpenPtyOptions {
  /** The host end of the appliance's UART. */
  uart: Uart;
  clock: Clock;
  /** The socat executable; `socat` on the PATH by default. */
  socat?: string;
  /** How long socat may take to report its pty; 5 s by default. */
  startTimeoutMs?: number;
}

const NOT_INSTALLED = 'socat not installed: run .ci/system-deps (or apt-get install socat)';

/**
 * A real pseudo-terminal for the appliance's console, made by socat: its master side is piped
 * to the UART through socat's stdio, its slave side (`/dev/pts/N`) is free for any serial
 * program. The pty is raw with no echo (the console echoes), at the UART's baud rate. If this
 * process dies, socat reads end-of-file and takes the pty with it.
 */
export async function openPty(options: OpenPtyOptions): Promise<Result<PtyBridge>> {
  const { uart, clock } = options;
  const child = spawn(options.socat ?? 'socat', ['-d', '-d', `PTY,raw,echo=0,b${uart.settings.baudRate}`, 'STDIO'], { stdio: ['pipe', 'pipe', 'pipe'] });
  // A write to socat after it died is not worth crashing the device for; `ended` tells why.
  child.stdin.on('error', () => {});
  const ended = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`socat exited (${signal ?? `code ${code}`})`));
    child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? NOT_INSTALLED : `socat failed: ${error.message}`));
  });
  let stderr = '';
  const path = await new Promise<string | undefined>((resolve) => {
    const timer = clock.setTimeout(() => resolve(undefined), options.startTimeoutMs ?? 5000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4096);
      const found = /PTY is (\S+)/.exec(stderr);
      if (found) {
        clock.clearTimeout(timer);
        resolve(found[1]);
      }
    });
    void ended.then(() => {
      clock.clearTimeout(timer);
      resolve(undefined);
    });
  });
  if (path === undefined) {
    child.kill();
    const why = await Promise.race([ended, Promise.resolve(`socat did not report its pty in time; it said: ${stderr.trim() || 'nothing'}`)]);
    return fail(why === NOT_INSTALLED ? 'SOCAT_MISSING' : 'PTY_FAILED', why);
  }
  const bridge = bridgeStream({ uart, input: child.stdout, output: child.stdin });
  return ok({
    path,
    ended,
    dropped: () => bridge.dropped(),
    async close() {
      bridge.detach();
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await ended;
    },
  });
}
