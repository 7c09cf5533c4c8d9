import { pino, type Logger } from 'pino';
import type { Clock } from '../../emulator/clock/Clock.ts';
import { isoTime } from '../../emulator/clock/Clock.ts';
import type { TextSink } from '../report/TextSink.ts';

/** What the service logs through: one structured line per event (pino's `info`/`warn` shape). */
export interface ServiceLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** A logger that drops everything: for tests and embedders who log elsewhere. */
export const silentLogger: ServiceLogger = { info: () => {}, warn: () => {} };

/**
 * The service's log on `sink` (stderr): JSON lines (pino) when it is not a terminal, for log
 * collectors; `time level message key=value…` lines on a terminal, for people. Stamps come from
 * the injected clocks — the wall clock's `time`, and the rig's virtual time as `virtualTime` —
 * never from the host directly.
 */
export function createServiceLog(options: { sink: TextSink & { isTTY?: boolean }; wall: Clock; virtual?: () => number }): ServiceLogger {
  const { sink, wall } = options;
  const destination = {
    write(line: string): void {
      sink.write(sink.isTTY === true ? readable(JSON.parse(line) as Record<string, unknown>) : line);
    },
  };
  const logger: Logger = pino(
    {
      base: null,
      timestamp: () => `,"time":"${isoTime(wall.now())}"${options.virtual ? `,"virtualTime":"${isoTime(options.virtual())}"` : ''}`,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return {
    info: (fields, message) => logger.info(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
  };
}

function readable(entry: Record<string, unknown>): string {
  const { time, level, msg, virtualTime: _virtual, ...fields } = entry;
  const rest = Object.entries(fields).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join(' ');
  return `${String(time)} ${String(level)} ${String(msg)}${rest === '' ? '' : ` ${rest}`}\n`;
}
