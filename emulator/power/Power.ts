import type { Unsubscribe } from '../link/Link.ts';

/**
 * A board's power supply. Firmware listens for `off` (everything in RAM is lost) and `on`
 * (boot from NVRAM). Faults are injected by cutting the supply, possibly in the middle of an
 * NVRAM write (see `cutAfterWrites`).
 */
export interface Power {
  isOn(): boolean;
  cut(): void;
  restore(): void;
  onChange(handler: (on: boolean) => void): Unsubscribe;
  /**
   * Arms a cut that happens during the (n+1)-th NVRAM write step from now: `n` more steps
   * complete, the next one is interrupted and the supply goes off. For power-loss tests.
   */
  cutAfterWrites(n: number): void;
}
