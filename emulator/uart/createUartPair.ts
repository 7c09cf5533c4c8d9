import { Listeners } from '../link/Link.ts';
import { CONSOLE_LINE, type Uart, type UartSettings } from './Uart.ts';

/** The two ends of one serial cable. */
export interface UartPair {
  /** The appliance's end: its firmware's console reads and writes here. */
  readonly board: Uart;
  /** The far end: a terminal, a pty bridge, a TCP session, a test. */
  readonly host: Uart;
  /** Bytes carried so far, per direction. */
  counts(): { toBoard: number; toHost: number };
}

/**
 * An in-memory null-modem cable. Bytes arrive on a later microtask, never re-entrantly inside
 * `write`, in the order written, and as copies — a writer may reuse its buffer at once. It
 * carries bytes as fast as they come: line speed is a setting both ends agree on, not a delay.
 */
export function createUartPair(options: { settings?: UartSettings } = {}): UartPair {
  const settings = options.settings ?? CONSOLE_LINE;
  const toBoard = new Listeners<Uint8Array>();
  const toHost = new Listeners<Uint8Array>();
  const counts = { toBoard: 0, toHost: 0 };
  const end = (inbox: Listeners<Uint8Array>, outbox: Listeners<Uint8Array>, counted: 'toBoard' | 'toHost'): Uart => ({
    settings,
    write(bytes) {
      if (bytes.length === 0) return;
      const copy = Uint8Array.from(bytes);
      counts[counted] += copy.length;
      queueMicrotask(() => outbox.emit(copy));
    },
    onData: (handler) => inbox.add(handler),
  });
  return {
    board: end(toBoard, toHost, 'toHost'),
    host: end(toHost, toBoard, 'toBoard'),
    counts: () => ({ ...counts }),
  };
}
