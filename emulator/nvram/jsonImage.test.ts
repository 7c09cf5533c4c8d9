import { describe, it, expect } from 'vitest';
import { decodeJson, encodeJson } from './jsonImage.ts';

describe('jsonImage', () => {
  it('round-trips JSON values, including text outside ASCII', () => {
    const value = { licenses: [{ id: 'L-1', feature: 'Mobility', count: 3 }], note: 'Grüße ✓', pending: null };
    expect(decodeJson(encodeJson(value))).toEqual(value);
    expect(decodeJson(encodeJson([1, 'two', false]))).toEqual([1, 'two', false]);
  });

  it('decodes bytes that are not UTF-8 JSON to undefined instead of throwing', () => {
    expect(decodeJson(new TextEncoder().encode('{"licenses": ['))).toBeUndefined();
    expect(decodeJson(Uint8Array.of(0x7b, 0xff, 0x7d))).toBeUndefined();
    expect(decodeJson(new Uint8Array(0))).toBeUndefined();
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => encodeJson(undefined)).toThrow(/cannot store undefined/);
    expect(() => encodeJson(() => 1)).toThrow(/cannot store function/);
  });
});
