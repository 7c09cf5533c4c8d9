import { Listeners, type Unsubscribe } from '../link/Link.ts';
import { PowerLossError, type Nvram } from './Nvram.ts';
import type { WriteStepPower } from '../power/SupplyPower.ts';
import { FlashRegion } from './FlashRegion.ts';
import { decodeHeader, encodeHeader, HEADER_SIZE, imageCrc } from './slotHeader.ts';

export interface FlashNvramOptions {
  /** The supply the part hangs on; consulted before every write step. */
  power: WriteStepPower;
  /** Bytes programmed per write step. Default 256. */
  pageSize?: number;
  /** Largest image the part holds, in bytes. Default 64 KiB. */
  capacity?: number;
}

export const DEFAULT_PAGE_SIZE = 256;
export const DEFAULT_CAPACITY = 64 * 1024;

export type SlotName = 'A' | 'B';
const SLOT_NAMES: readonly SlotName[] = ['A', 'B'];

interface Slot {
  header: FlashRegion;
  data: FlashRegion;
}

interface ValidImage {
  slot: number;
  sequence: number;
  image: Uint8Array;
}

/**
 * A flash part with two slots, A and B, that makes commits atomic the way real firmware does:
 * the new image goes page by page into the slot not in use, then a header with a sequence
 * number, the length and a CRC-32 is written as the last step. A read takes the valid slot with
 * the highest sequence, so a cut at any step leaves the old image or the new one, never a mix.
 */
export class FlashNvram implements Nvram {
  readonly pageSize: number;
  readonly capacity: number;
  #power: WriteStepPower;
  #slots: [Slot, Slot];
  #lastSteps = 0;
  #commits = new Listeners<Uint8Array>();

  constructor(options: FlashNvramOptions) {
    this.pageSize = wholePositive('pageSize', options.pageSize ?? DEFAULT_PAGE_SIZE);
    this.capacity = wholePositive('capacity', options.capacity ?? DEFAULT_CAPACITY);
    this.#power = options.power;
    const slotBytes = Math.ceil(this.capacity / this.pageSize) * this.pageSize;
    const blank = (): Slot => ({ header: new FlashRegion(HEADER_SIZE, HEADER_SIZE), data: new FlashRegion(slotBytes, this.pageSize) });
    this.#slots = [blank(), blank()];
  }

  read(): Uint8Array | undefined {
    this.#requirePower('read');
    return this.#newest()?.image;
  }

  commit(image: Uint8Array): void {
    this.#requirePower('commit');
    if (image.length > this.capacity) {
      throw new RangeError(`NVRAM image of ${image.length} bytes exceeds the part's capacity of ${this.capacity} bytes`);
    }
    const copy = image.slice();
    const current = this.#newest();
    const target = this.#slots[current?.slot === 0 ? 1 : 0];
    const header = encodeHeader({ sequence: (current?.sequence ?? 0) + 1, length: copy.length, crc: imageCrc(copy) });
    const pages = Math.ceil(copy.length / this.pageSize);
    this.#lastSteps = 0;
    for (let page = 0; page < pages; page++) {
      const offset = page * this.pageSize;
      this.#step(target.data, offset, copy.subarray(offset, offset + this.pageSize));
    }
    this.#step(target.header, 0, header);
    this.#commits.emit(copy);
  }

  /**
   * Hears of every commit that completed (not of one a power cut tore), with a copy of the image
   * committed: for whatever keeps the part's contents beyond the process, such as `fleetrig
   * serve`'s store. Firmware does not need it; it changes nothing the part does.
   */
  onCommit(handler: (image: Uint8Array) => void): Unsubscribe {
    return this.#commits.add(handler);
  }

  lastCommitSteps(): number {
    return this.#lastSteps;
  }

  /** The slot a read would take its image from; a probe for tests and traces, not firmware. */
  activeSlot(): SlotName | undefined {
    const newest = this.#newest();
    return newest === undefined ? undefined : SLOT_NAMES[newest.slot];
  }

  /** Fault injection: flips one bit of a slot's cells, as bit rot or a stray write would. */
  flipBit(options: { slot: SlotName; region?: 'data' | 'header'; byte: number; bit?: number }): void {
    const cells = this.#slots[SLOT_NAMES.indexOf(options.slot)]?.[options.region ?? 'data'];
    const bit = options.bit ?? 0;
    if (!cells) throw new RangeError(`flipBit: no slot ${String(options.slot)}; slots are A and B`);
    if (!Number.isInteger(options.byte) || options.byte < 0 || options.byte >= cells.length) {
      throw new RangeError(`flipBit: byte ${options.byte} is outside the ${cells.length}-byte ${options.region ?? 'data'} region`);
    }
    if (!Number.isInteger(bit) || bit < 0 || bit > 7) throw new RangeError(`flipBit: bit ${bit} is not 0..7`);
    cells.flip(options.byte, bit);
  }

  /** Programs one page, or tears it if the power goes during the step. */
  #step(region: FlashRegion, offset: number, bytes: Uint8Array): void {
    this.#lastSteps++;
    if (this.#power.beforeWriteStep()) {
      region.write(offset, bytes);
      return;
    }
    region.write(offset, torn(bytes));
    throw new PowerLossError(`power was lost at NVRAM write step ${this.#lastSteps}; the page was left half-written`);
  }

  #newest(): ValidImage | undefined {
    let best: ValidImage | undefined;
    this.#slots.forEach((slot, index) => {
      const header = decodeHeader(slot.header.read(0, HEADER_SIZE));
      if (!header || header.length > slot.data.length) return;
      const image = slot.data.read(0, header.length);
      if (imageCrc(image) !== header.crc) return;
      if (!best || header.sequence > best.sequence) best = { slot: index, sequence: header.sequence, image };
    });
    return best;
  }

  #requirePower(what: string): void {
    if (!this.#power.isOn()) throw new PowerLossError(`NVRAM ${what} while the power is off`);
  }
}

/** What a page looks like when the supply fails mid-program: first half new, the rest garbage. */
function torn(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  for (let i = Math.ceil(out.length / 2); i < out.length; i++) out[i] = out[i]! ^ 0x5a;
  if (out.length === 1) out[0] = out[0]! ^ 0x5a;
  return out;
}

function wholePositive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`FlashNvram option ${name} must be a whole number of bytes > 0, got ${value}`);
  }
  return value;
}
