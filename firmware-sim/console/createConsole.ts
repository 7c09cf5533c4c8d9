/**
 * The serial console every fleetrig appliance runs on its UART (115200 8N1), whatever its
 * family:
 *
 *     const console = createConsole({
 *       uart: board.uart,                 // the board's end of the serial line
 *       appliance,                        // status and reboot read and reset it
 *       commands: gatewayConsole(gateway), // the family's own commands (ConsoleCommands)
 *       clock: board.clock,
 *       reset: () => board.reset(),
 *     });
 *
 * A person types commands at the prompt `<deviceId>> `; `help`, `status`, `reboot` and `stats`
 * are built in, the family adds the rest. A line starting with `~` is a frame carrying a license
 * message (protocol/serialFrame.ts); `createSerialLink(console)` turns those into a Link.
 * Bad input — noise, a corrupt frame, a line of a megabyte — is refused with one error line
 * and counted (`stats`); the console keeps answering. See docs/serial.md.
 */
import type { Clock } from '../../emulator/clock/Clock.ts';
import { Listeners } from '../../emulator/link/Link.ts';
import { describeLine, type Uart } from '../../emulator/uart/Uart.ts';
import type { Failure } from '../../protocol/result.ts';
import { FrameErrorCode } from '../../protocol/FrameErrorCode.ts';
import { decodeSerialFrame, encodeSerialFrame, FRAME_MARKER, frameRefusalLine, frameTooLarge, MAX_FRAME_LINE_BYTES } from '../../protocol/serialFrame.ts';
import type { Appliance } from '../shared/Appliance.ts';
import { builtinCommands } from './builtinCommands.ts';
import { arity, errorText, splitWords, type ConsoleCommands } from './ConsoleCommands.ts';
import { createLineReader, type LineEvent } from './lineReader.ts';
import type { ConsoleStats, SerialConsole } from './SerialConsole.ts';

export interface CreateConsoleOptions {
  uart: Uart;
  appliance: Appliance;
  /** The family's commands; a name clashing with a built-in is a programming error and throws. */
  commands: ConsoleCommands;
  clock: Clock;
  /** Pulls the board's reset line (`reboot`). */
  reset: () => void;
  /** Echo typed characters back, as a serial console does; off when the host's terminal echoes (stdin). */
  echo?: boolean;
}

/** The longest typed line. */
export const MAX_LINE_BYTES = 4096;
/**
 * Lines waiting for their answer (behind a slow command, or pasted at once) before more are
 * refused BUSY: a paste of this many lines is answered line by line.
 */
export const MAX_QUEUED_LINES = 256;

const MARKER = FRAME_MARKER.charCodeAt(0);

export function createConsole(options: CreateConsoleOptions): SerialConsole {
  const { uart, appliance, clock } = options;
  const deviceId = appliance.deviceId;
  const stats: ConsoleStats = { lines: 0, garbage: 0, overlong: 0, framesOk: 0, framesCorrupt: 0, dropped: 0 };
  const frames = new Listeners<string>();
  const closed = new Listeners<void>();
  let open = true;
  let atLineStart = true;
  let queue: Promise<void> = Promise.resolve();
  let queued = 0;
  /** The BUSY answer at the queue's tail, while more refused lines may still join it. */
  let busy: { lines: number } | undefined;

  const builtins = builtinCommands({ appliance, clock, reset: options.reset, stats: () => ({ ...stats }), commands: () => commands });
  for (const name of Object.keys(options.commands)) {
    if (Object.hasOwn(builtins, name)) throw new Error(`createConsole: the family command '${name}' clashes with the built-in one`);
  }
  const commands: ConsoleCommands = { ...builtins, ...options.commands };

  const send = (bytes: Uint8Array): void => {
    if (!open || bytes.length === 0) return;
    uart.write(bytes);
    atLineStart = bytes[bytes.length - 1] === 0x0a;
  };
  const write = (text: string): void => send(Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8'));
  const prompt = (): void => write(`${deviceId}> `);
  const answer = (text: string): void => write(text === '' ? '' : `${text}\n`);

  const run = async (line: string): Promise<void> => {
    stats.lines++;
    answer(await dispatch(line));
    prompt();
  };

  const dispatch = async (line: string): Promise<string> => {
    const words = splitWords(line);
    if (!words.ok) return errorText(words.error.code, words.error.message);
    const [name = '', ...args] = words.value;
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) return errorText('UNKNOWN_COMMAND', `no command '${name.slice(0, 40)}'; type help for the list`);
    const { min, max } = arity(command.usage);
    if (args.length < min || args.length > max) return errorText('USAGE', `usage: ${command.usage}`);
    try {
      return await command.run(args);
    } catch (error) {
      return errorText('INTERNAL', `${name} failed inside the firmware: ${(error as Error).message}`);
    }
  };

  /**
   * Commands answer one at a time, in order; frames need no queue. A line past the
   * MAX_QUEUED_LINES waiting is refused unread, and each run of such lines gets one BUSY line,
   * in its place in the order, so a flood of lines cannot become a flood of error lines.
   * Returns whether the work was taken.
   */
  const enqueue = (work: () => Promise<void> | void): boolean => {
    if (queued >= MAX_QUEUED_LINES) return false;
    busy = undefined;
    queued++;
    // `run` answers its own errors; the catch only keeps one broken answer from stalling the rest.
    queue = queue.then(work).catch(() => undefined).finally(() => queued--);
    return true;
  };
  const refuseBusy = (): void => {
    stats.dropped++;
    if (busy) {
      busy.lines++;
      return;
    }
    const run = (busy = { lines: 1 });
    queue = queue.then(() => {
      if (busy === run) busy = undefined;
      const what = run.lines === 1 ? '1 line' : `${run.lines} lines`;
      answer(errorText('BUSY', `${what} refused: ${MAX_QUEUED_LINES} lines were already waiting for an answer; send ${run.lines === 1 ? 'it' : 'them'} again after the prompt`));
      prompt();
    });
  };
  /** Counts a line under `counter` if the queue takes its answer, under `dropped` if not. */
  const accept = (counter: 'garbage' | 'overlong' | undefined, work: () => Promise<void> | void): void => {
    if (!enqueue(work)) return refuseBusy();
    if (counter) stats[counter]++;
  };

  /** A refusal goes on a line of its own, so the host's frame reader sees it whole. */
  const refuseFrame = (error: Failure<FrameErrorCode>): void => {
    stats.framesCorrupt++;
    if (!atLineStart) write('\n');
    answer(frameRefusalLine(error));
  };

  const onLine = (event: LineEvent): void => {
    const isFrame = event.kind !== 'cancel' && (event.kind === 'line' ? event.text.startsWith(FRAME_MARKER) : event.firstByte === MARKER);
    if (isFrame) return onFrameLine(event);
    switch (event.kind) {
      case 'line':
        // An empty line or a Ctrl-C only asks for a prompt: nothing to refuse when the queue is full.
        if (event.text.trim() === '') return void enqueue(prompt);
        return accept(undefined, () => run(event.text));
      case 'cancel':
        return void enqueue(prompt);
      case 'garbage':
        return accept('garbage', () => {
          answer(errorText('GARBAGE', `line refused: ${event.bytes} bytes that are not all printable text (binary data, or the wrong line settings? use ${describeLine(uart.settings)})`));
          prompt();
        });
      case 'overlong':
        return accept('overlong', () => {
          answer(errorText('LINE_TOO_LONG', `line refused: ${event.bytes} bytes, more than the ${event.limit}-byte limit; the whole line was discarded`));
          prompt();
        });
    }
  };

  const onFrameLine = (event: LineEvent): void => {
    if (event.kind === 'garbage') {
      return refuseFrame({ code: FrameErrorCode.Format, message: `serial frame: ${event.bytes} bytes holding control characters or bad UTF-8` });
    }
    if (event.kind === 'overlong') return refuseFrame(frameTooLarge(event.bytes, event.limit));
    if (event.kind !== 'line') return;
    const decoded = decodeSerialFrame(event.text);
    if (!decoded.ok) return refuseFrame(decoded.error);
    stats.framesOk++;
    frames.emit(decoded.value);
  };

  const reader = createLineReader({
    limitFor: (first) => (first === MARKER ? MAX_FRAME_LINE_BYTES : MAX_LINE_BYTES),
    onEvent: onLine,
    quietFirstByte: MARKER,
    ...(options.echo === false ? {} : { echo: send }),
  });
  const unsubscribe = uart.onData((bytes) => reader.feed(bytes));

  write(`\nfleetrig ${appliance.family} ${deviceId}: serial console, ${describeLine(uart.settings)}. Type help for the commands.\n`);
  prompt();

  return {
    deviceId,
    stats: () => ({ ...stats }),
    sendFrame(message) {
      if (!atLineStart) write('\n');
      write(`${encodeSerialFrame(message)}\n`);
    },
    onFrame: (handler) => frames.add(handler),
    async idle() {
      let seen: Promise<void> | undefined;
      while (seen !== queue) await (seen = queue);
    },
    close() {
      if (!open) return;
      open = false;
      unsubscribe();
      closed.emit();
    },
    onClose: (handler) => closed.add(handler),
  };
}
