import { describe, expect, it } from 'vitest';
import { FlashRegion } from './FlashRegion.ts';

describe('FlashRegion', () => {
  it('reads erased cells as 0xFF, and what was programmed across page boundaries', () => {
    const region = new FlashRegion(10, 4);
    expect([...region.read(0, 10)]).toEqual(Array(10).fill(0xff));
    region.write(3, Uint8Array.of(1, 2, 3, 4, 5, 6));
    expect([...region.read(0, 10)]).toEqual([0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 0xff]);
    expect([...region.read(8, 2)]).toEqual([6, 0xff]);
  });

  it('flips one bit of a cell, programmed or erased', () => {
    const region = new FlashRegion(8, 4);
    region.flip(6, 0);
    region.write(0, Uint8Array.of(0b1010));
    region.flip(0, 1);
    expect([...region.read(0, 8)]).toEqual([0b1000, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff]);
  });

  it('returns copies, so a caller cannot change the cells by changing what it read', () => {
    const region = new FlashRegion(4, 4);
    region.write(0, Uint8Array.of(7, 7, 7, 7));
    region.read(0, 4).fill(0);
    expect([...region.read(0, 4)]).toEqual([7, 7, 7, 7]);
  });
});
