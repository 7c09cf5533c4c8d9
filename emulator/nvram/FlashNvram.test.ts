import { describe, it, expect } from 'vitest';
import { FlashNvram } from './FlashNvram.ts';
import { PowerLossError } from './Nvram.ts';
import { SupplyPower } from '../power/SupplyPower.ts';

const PAGE = 16;

function part(capacity = 256): { power: SupplyPower; nvram: FlashNvram } {
  const power = new SupplyPower({ on: true });
  return { power, nvram: new FlashNvram({ power, pageSize: PAGE, capacity }) };
}

function image(length: number, fill: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (fill + i * 7) & 0xff);
}

describe('FlashNvram', () => {
  it('reads a blank part as undefined', () => {
    expect(part().nvram.read()).toBeUndefined();
  });

  it('reads back what was committed, and the newer of two commits', () => {
    const { nvram } = part();
    const first = image(40, 1);
    const second = image(70, 2);
    nvram.commit(first);
    expect(nvram.read()).toEqual(first);
    nvram.commit(second);
    expect(nvram.read()).toEqual(second);
    nvram.commit(first);
    expect(nvram.read()).toEqual(first);
  });

  it('tells commit observers of each completed commit, and of none a power cut tore', () => {
    const { power, nvram } = part();
    const heard: Uint8Array[] = [];
    const stop = nvram.onCommit((committed) => heard.push(committed));
    nvram.commit(image(20, 1));
    power.cutAfterWrites(1);
    expect(() => nvram.commit(image(40, 2))).toThrow(PowerLossError);
    power.restore();
    expect(heard).toEqual([image(20, 1)]);
    heard[0]![0] = 0;
    expect(nvram.read()).toEqual(image(20, 1));
    stop();
    nvram.commit(image(10, 3));
    expect(heard).toHaveLength(1);
  });

  it('keeps an empty image apart from a blank part', () => {
    const { nvram } = part();
    nvram.commit(new Uint8Array(0));
    expect(nvram.read()).toEqual(new Uint8Array(0));
    expect(nvram.lastCommitSteps()).toBe(1);
  });

  it('counts one step per page plus one for the header', () => {
    const { nvram } = part();
    nvram.commit(image(PAGE * 3 + 1, 0));
    expect(nvram.lastCommitSteps()).toBe(5);
  });

  it('is not changed through the arrays passed in or handed out', () => {
    const { nvram } = part();
    const bytes = image(20, 3);
    nvram.commit(bytes);
    bytes[0] = 0;
    nvram.read()![1] = 0;
    expect(nvram.read()).toEqual(image(20, 3));
  });

  it('returns the old image or the new one, never a mix, whatever write step the power is cut at', () => {
    const oldImage = image(PAGE * 2 + 5, 10);
    const newImage = image(PAGE * 4 + 3, 99);
    const dryRun = part();
    dryRun.nvram.commit(oldImage);
    dryRun.nvram.commit(newImage);
    const steps = dryRun.nvram.lastCommitSteps();
    expect(steps).toBe(6);

    const outcomes: string[] = [];
    for (let k = 0; k < steps; k++) {
      const { power, nvram } = part();
      nvram.commit(oldImage);
      power.cutAfterWrites(k);
      expect(() => nvram.commit(newImage)).toThrow(PowerLossError);
      expect(power.isOn()).toBe(false);
      power.restore();
      const after = nvram.read();
      const isOld = equal(after, oldImage);
      const isNew = equal(after, newImage);
      expect(isOld || isNew, `cut at step ${k} left a mix`).toBe(true);
      outcomes.push(isOld ? 'old' : 'new');
    }
    // Every step before the header is invisible; the torn header is too.
    expect(outcomes).toEqual(Array(steps).fill('old'));
    expect(dryRun.nvram.read()).toEqual(newImage);
  });

  it('keeps the last good image when the first commit on a blank part is cut', () => {
    const { power, nvram } = part();
    power.cutAfterWrites(1);
    expect(() => nvram.commit(image(PAGE * 2, 1))).toThrow(PowerLossError);
    power.restore();
    expect(nvram.read()).toBeUndefined();
    nvram.commit(image(PAGE * 2, 1));
    expect(nvram.read()).toEqual(image(PAGE * 2, 1));
  });

  it('survives a cut during the commit after one that was cut', () => {
    const { power, nvram } = part();
    nvram.commit(image(30, 1));
    power.cutAfterWrites(2);
    expect(() => nvram.commit(image(60, 2))).toThrow(PowerLossError);
    power.restore();
    power.cutAfterWrites(0);
    expect(() => nvram.commit(image(60, 3))).toThrow(PowerLossError);
    power.restore();
    expect(nvram.read()).toEqual(image(30, 1));
    nvram.commit(image(60, 4));
    expect(nvram.read()).toEqual(image(60, 4));
  });

  it('detects a corrupted image or header by its CRC and falls back to the other slot', () => {
    const { nvram } = part();
    nvram.commit(image(40, 1));
    expect(nvram.activeSlot()).toBe('A');
    nvram.commit(image(40, 2));
    expect(nvram.activeSlot()).toBe('B');
    nvram.flipBit({ slot: 'B', byte: 3 });
    expect(nvram.read()).toEqual(image(40, 1));
    expect(nvram.activeSlot()).toBe('A');
    nvram.flipBit({ slot: 'A', region: 'header', byte: 5, bit: 7 });
    expect(nvram.read()).toBeUndefined();
  });

  it('rejects a bit flip outside the part, naming the place', () => {
    const { nvram } = part(64);
    expect(() => nvram.flipBit({ slot: 'A', byte: 64 })).toThrow(/byte 64 is outside the 64-byte data region/);
    expect(() => nvram.flipBit({ slot: 'A', byte: 0, bit: 8 })).toThrow(/bit 8/);
    expect(() => nvram.flipBit({ slot: 'C' as 'A', byte: 0 })).toThrow(/no slot C/);
  });

  it('refuses reads and commits while the power is off, and keeps the image', () => {
    const { power, nvram } = part();
    nvram.commit(image(10, 1));
    power.cut();
    expect(() => nvram.read()).toThrow(PowerLossError);
    expect(() => nvram.commit(image(10, 2))).toThrow(/while the power is off/);
    power.restore();
    expect(nvram.read()).toEqual(image(10, 1));
  });

  it('refuses an image larger than the part, naming both sizes', () => {
    const { nvram } = part(64);
    expect(() => nvram.commit(new Uint8Array(65))).toThrow(/65 bytes exceeds the part's capacity of 64 bytes/);
    expect(nvram.read()).toBeUndefined();
  });

  it('rejects a bad page size or capacity, naming the option', () => {
    const power = new SupplyPower();
    expect(() => new FlashNvram({ power, pageSize: 0 })).toThrow(/pageSize/);
    expect(() => new FlashNvram({ power, capacity: 1.5 })).toThrow(/capacity/);
  });
});

function equal(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);
}

