import { describe, it, expect } from 'vitest';
import { compareFirmwareVersions, licensingRequired, parseFirmwareVersion } from './firmwareVersion.ts';

describe('firmwareVersion', () => {
  it('[SS-1] requires license management from 3.3 on', () => {
    expect(['3.2', '3.2.9', '2.10', '1.0'].map(licensingRequired)).toEqual([false, false, false, false]);
    expect(['3.3', '3.3.0', '3.10', '4.0', '10.0'].map(licensingRequired)).toEqual([true, true, true, true, true]);
  });

  it('compares numerically, part by part', () => {
    expect(compareFirmwareVersions('3.10', '3.9')).toBeGreaterThan(0);
    expect(compareFirmwareVersions('3.3', '3.3.0')).toBe(0);
    expect(compareFirmwareVersions('junk', '1.0')).toBeLessThan(0);
  });

  it('names a version that is not one', () => {
    for (const bad of ['', '4', '4.0.0.1', 'v4.0', '4.x', '4.0-beta']) {
      expect(parseFirmwareVersion(bad)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'version' } });
    }
  });
});
