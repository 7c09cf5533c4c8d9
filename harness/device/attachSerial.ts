import type { Readable } from 'node:stream';
import type { Clock } from '../../emulator/clock/Clock.ts';
import type { EmulatedBoard } from '../../emulator/board/createBoard.ts';
import type { Uart } from '../../emulator/uart/Uart.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { TextSink } from '../report/TextSink.ts';
import { openPty } from './openPty.ts';
import { serveTcpConsole } from './serveTcpConsole.ts';
import type { SerialMode } from './serialMode.ts';

export interface AttachSerialOptions {
  mode: SerialMode;
  /**
   * The appliance's board: pty and stdio run the console on its own `uart` and bridge its
   * `serialHost`. TCP sessions each get a fresh line instead, so that every connection has its
   * own console (line buffer, counters) and two sessions never read each other's typing.
   */
  board: Pick<EmulatedBoard, 'uart' | 'serialHost'>;
  clock: Clock;
  /** Starts a console on a board-side UART; returns how to stop it. */
  startConsole(uart: Uart, echo?: boolean): () => void;
  stdin?: Readable;
  stdout?: TextSink;
  socat?: string;
}

export interface AttachedSerial {
  readonly where: string;
  readonly ended: Promise<string>;
  close(): Promise<void>;
}

const never = new Promise<string>(() => {});

/** Puts the appliance's console where `--serial` asked. */
export async function attachSerial(options: AttachSerialOptions): Promise<Result<AttachedSerial>> {
  const { mode, board, clock, startConsole } = options;
  if (mode.kind === 'tcp') {
    const served = await serveTcpConsole({ port: mode.port, startSession: (uart) => startConsole(uart) });
    return served.ok ? ok({ where: served.value.url, ended: never, close: served.value.close }) : served;
  }
  if (mode.kind === 'pty') {
    const pty = await openPty({ uart: board.serialHost, clock, socat: options.socat });
    if (!pty.ok) return pty;
    const stop = startConsole(board.uart);
    return ok({ where: pty.value.path, ended: pty.value.ended, close: async () => { stop(); await pty.value.close(); } });
  }
  const { stdin, stdout } = options;
  if (!stdin || !stdout) return fail('NO_TERMINAL', 'the stdio console needs this process\'s stdin and stdout');
  // The terminal echoes and edits the line itself (it stays in cooked mode, so Ctrl-C still stops the device).
  const off = board.serialHost.onData((bytes) => void stdout.write(Buffer.from(bytes).toString('utf8')));
  const onData = (chunk: Buffer | string): void => board.serialHost.write(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  stdin.on('data', onData);
  const stop = startConsole(board.uart, false);
  const ended = new Promise<string>((resolve) => stdin.once('end', () => resolve('stdin closed')));
  return ok({
    where: 'stdio',
    ended,
    async close() {
      stdin.off('data', onData);
      stdin.pause();
      stop();
      off();
    },
  });
}
