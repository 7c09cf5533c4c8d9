import { Listeners, type Unsubscribe } from '../link/Link.ts';
import type { Power } from './Power.ts';

/**
 * What a part that writes to flash needs from the supply: permission for each low-level write
 * step, so an armed `cutAfterWrites` can interrupt a commit in the middle.
 */
export interface WriteStepPower extends Power {
  /**
   * Called before each write step. True: the step completes. False: the power is off or goes
   * off during this step (the supply is then already cut); the part tears the step.
   */
  beforeWriteStep(): boolean;
}

export interface SupplyPowerOptions {
  /** Whether the supply starts on. Off by default: a board on the bench is not yet plugged in. */
  on?: boolean;
}

/**
 * A board's power supply. It starts off, as a board fresh from the factory does; whoever boots
 * the board (firmware start, a scenario's power-on step) calls `restore()`. `onChange` fires on
 * transitions only, so cutting a supply that is already off tells nobody.
 */
export class SupplyPower implements WriteStepPower {
  #on: boolean;
  #stepsBeforeCut: number | undefined;
  #changes = new Listeners<boolean>();

  constructor(options: SupplyPowerOptions = {}) {
    this.#on = options.on ?? false;
  }

  isOn(): boolean {
    return this.#on;
  }

  cut(): void {
    this.#set(false);
  }

  restore(): void {
    this.#set(true);
  }

  onChange(handler: (on: boolean) => void): Unsubscribe {
    return this.#changes.add(handler);
  }

  /** `n` more write steps complete; the one after is torn and the supply goes off. */
  cutAfterWrites(n: number): void {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`cutAfterWrites(n): n must be a whole number of write steps >= 0, got ${n}`);
    }
    this.#stepsBeforeCut = n;
  }

  /** Cancels an armed cut that has not fired yet. */
  disarm(): void {
    this.#stepsBeforeCut = undefined;
  }

  /** Whether a cut is armed and has not fired yet. */
  isArmed(): boolean {
    return this.#stepsBeforeCut !== undefined;
  }

  beforeWriteStep(): boolean {
    if (!this.#on) return false;
    if (this.#stepsBeforeCut === undefined) return true;
    if (this.#stepsBeforeCut > 0) {
      this.#stepsBeforeCut--;
      return true;
    }
    this.#stepsBeforeCut = undefined;
    this.cut();
    return false;
  }

  #set(on: boolean): void {
    if (on === this.#on) return;
    this.#on = on;
    this.#changes.emit(on);
  }
}
