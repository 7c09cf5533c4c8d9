import type { Board } from './Board.ts';
import type { Clock } from '../clock/Clock.ts';
import type { Random } from '../random/Random.ts';
import type { Identity } from '../identity/Identity.ts';
import { Listeners, type Link, type Unsubscribe } from '../link/Link.ts';
import { FlashNvram } from '../nvram/FlashNvram.ts';
import { SupplyPower } from '../power/SupplyPower.ts';
import { createUartPair } from '../uart/createUartPair.ts';
import type { Uart } from '../uart/Uart.ts';

export interface CreateBoardOptions {
  id: string;
  clock: Clock;
  random: Random;
  identity: Identity;
  link: Link;
  /** Largest NVRAM image in bytes; the part's default (64 KiB) if omitted. */
  nvramCapacity?: number;
  /** Bytes per NVRAM write step; the part's default (256) if omitted. */
  nvramPageSize?: number;
}

/** A board with its concrete parts visible, so tests and fault injection reach them typed. */
export interface EmulatedBoard extends Board {
  readonly nvram: FlashNvram;
  readonly power: SupplyPower;
  /**
   * The far end of the board's serial line, where a cable would plug in: a terminal, a pty
   * bridge or a test writes here what the board's `uart` reads, and reads what it writes.
   */
  readonly serialHost: Uart;
}

/**
 * Assembles one board from its own parts. The supply starts off: the board is built, not booted.
 * Whoever boots it (firmware start, a scenario step) calls `board.power.restore()`.
 */
export function createBoard(options: CreateBoardOptions): EmulatedBoard {
  if (options.id.trim() === '') throw new RangeError('createBoard: id must be a non-empty name');
  const power = new SupplyPower();
  const nvram = new FlashNvram({ power, capacity: options.nvramCapacity, pageSize: options.nvramPageSize });
  const resets = new Listeners<void>();
  const serial = createUartPair();
  return {
    id: options.id,
    clock: options.clock,
    random: options.random,
    identity: options.identity,
    link: options.link,
    uart: serial.board,
    serialHost: serial.host,
    nvram,
    power,
    // A dead board has no reset line to pull: nothing happens while the power is off.
    reset(): void {
      if (power.isOn()) resets.emit();
    },
    onReset(handler: () => void): Unsubscribe {
      return resets.add(handler);
    },
  };
}
