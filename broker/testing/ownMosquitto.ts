import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { sleep } from '../../emulator/clock/Clock.ts';
import { WallClock, wallNow } from '../../emulator/clock/wallClock.ts';

export const MOSQUITTO = '/usr/sbin/mosquitto';

export interface OwnMosquittoOptions {
  /** Where mosquitto.conf and mosquitto.log go: a temporary folder of the test's own. */
  readonly dir: string;
  /**
   * The files `fleetrig credentials` wrote, configured as docs/mosquitto.md says
   * (`allow_anonymous false`, `use_username_as_clientid true`). Without them, anyone may connect.
   */
  readonly credentials?: { readonly passwordFile: string; readonly aclFile: string };
  /**
   * Mosquitto's `log_type`s; its default set unless given. `all` logs every packet, so a test can
   * wait for the broker to have received a given request (`logged`).
   */
  readonly logTypes?: readonly string[];
  /** Wall-clock ms to wait for the listener; default 10 000. */
  readonly startTimeoutMs?: number;
}

export interface OwnMosquitto {
  readonly port: number;
  /** `mqtt://127.0.0.1:PORT` */
  readonly url: string;
  /** The running broker's process ID; undefined while it is stopped. */
  pid(): number | undefined;
  /** Ends it by PID (SIGTERM unless told), resolved once the process has exited; nothing when it is not running. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same port with the same configuration; resolves once it listens. */
  start(): Promise<void>;
  /** The log's lines so far; every start appends to one file. */
  logLines(): readonly string[];
  /** Its last `chars` characters, for a failure message. */
  logTail(chars?: number): string;
  /**
   * Resolves once the log holds `count` lines matching `pattern` (a RegExp without the g flag), counting every start of the
   * broker; rejects after `timeoutMs` of wall time (default 60 000) with the log's tail.
   */
  logged(pattern: RegExp, count?: number, timeoutMs?: number): Promise<void>;
}

const wall = new WallClock();

/**
 * A Mosquitto of a test's own on a free loopback port (never the machine's on 1883), configured
 * as docs/mosquitto.md says, without persistence as a desk broker runs, started and stopped by its PID: what a test needs that
 * fakes a broker's failure or checks Mosquitto's own rules (docs/mosquitto.md).
 */
export async function startOwnMosquitto(options: OwnMosquittoOptions): Promise<OwnMosquitto> {
  if (!existsSync(MOSQUITTO)) throw new Error(`${MOSQUITTO} is not installed: run .ci/system-deps (Debian's mosquitto)`);
  const { dir, credentials } = options;
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  const logFile = join(dir, 'mosquitto.log');
  writeFileSync(conf, [
    `listener ${port} 127.0.0.1`,
    ...(credentials === undefined
      ? ['allow_anonymous true']
      : ['allow_anonymous false', `password_file ${credentials.passwordFile}`, `acl_file ${credentials.aclFile}`, 'use_username_as_clientid true']),
    'persistence false',
    // As docs/mosquitto.md says: the license server's queue takes a whole fleet's burst.
    'max_queued_messages 100000',
    `log_dest file ${logFile}`,
    ...(options.logTypes ?? []).map((type) => `log_type ${type}`),
    // Started as root, Mosquitto would drop to the mosquitto user, who cannot read 0600 files of ours.
    `user ${userInfo().username}`,
    '',
  ].join('\n'));
  const log = incrementalLog(logFile);
  let running: ChildProcess | undefined;

  const logTail = (chars = 2000): string => log.lines().join('\n').slice(-chars) || '(no log)';
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> => {
    const dying = running;
    running = undefined;
    if (dying?.pid === undefined || dying.exitCode !== null || dying.signalCode !== null) return;
    const exited = new Promise((resolve) => dying.once('exit', resolve));
    process.kill(dying.pid, signal);
    await exited;
  };

  const start = async (): Promise<void> => {
    if (running !== undefined) throw new Error(`own Mosquitto on ${port} is already running (PID ${running.pid})`);
    const child = spawn(MOSQUITTO, ['-c', conf], { stdio: 'ignore' });
    running = child;
    const deadline = wallNow() + (options.startTimeoutMs ?? 10_000);
    while (!(await accepts(port))) {
      if (child.exitCode !== null) {
        running = undefined;
        throw new Error(`mosquitto exited ${child.exitCode} before listening on ${port}: ${logTail()}`);
      }
      if (wallNow() > deadline) {
        await stop();
        throw new Error(`mosquitto did not listen on ${port} within ${options.startTimeoutMs ?? 10_000} ms: ${logTail()}`);
      }
      await sleep(wall, 20);
    }
  };
  await start();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    pid: () => running?.pid,
    stop,
    start,
    logLines: () => log.lines(),
    logTail,
    async logged(pattern, count = 1, timeoutMs = 60_000) {
      const deadline = wallNow() + timeoutMs;
      let seen = 0;
      let read = 0;
      for (;;) {
        const lines = log.lines();
        for (; read < lines.length; read++) if (pattern.test(lines[read]!)) seen++;
        if (seen >= count) return;
        if (wallNow() > deadline) throw new Error(`own Mosquitto: ${count} log lines matching ${pattern} not seen within ${timeoutMs} ms (${seen} were): ${logTail()}`);
        await sleep(wall, 20);
      }
    },
  };
}

/** Mosquitto writes its log line by line and flushes each: read what was added since last time. */
function incrementalLog(file: string): { lines(): readonly string[] } {
  const lines: string[] = [];
  let offset = 0;
  return {
    lines() {
      if (!existsSync(file)) return lines;
      const size = statSync(file).size;
      if (size <= offset) return lines;
      const buffer = Buffer.alloc(size - offset);
      const fd = openSync(file, 'r');
      try {
        readSync(fd, buffer, 0, buffer.length, offset);
      } finally {
        closeSync(fd);
      }
      // Up to the last whole line only: the rest is read with the next call.
      const end = buffer.lastIndexOf(0x0a);
      if (end < 0) return lines;
      offset += end + 1;
      for (const line of buffer.subarray(0, end).toString('utf8').split('\n')) lines.push(line);
      return lines;
    },
  };
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
