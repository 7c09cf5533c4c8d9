import { describe, expect, it } from 'vitest';
import { licenseStatus } from './licenseStatus.ts';
import { DAY_MS } from './licenseTerms.ts';

const start = Date.UTC(2026, 0, 1);
const end = start + 365 * DAY_MS;
const termed = { start, end };

describe('licenseStatus', () => {
  it('[PC-4] is Impending before the start, up to the last millisecond', () => {
    expect(licenseStatus(termed, start - 30 * DAY_MS)).toBe('Impending');
    expect(licenseStatus(termed, start - 1)).toBe('Impending');
  });

  it('[PC-4] is Active from the start while 31 or more days are left', () => {
    expect(licenseStatus(termed, start)).toBe('Active');
    expect(licenseStatus(termed, end - 31 * DAY_MS)).toBe('Active');
  });

  it('[PC-4] is Expiring Shortly with less than 31 days left', () => {
    expect(licenseStatus(termed, end - 31 * DAY_MS + 1)).toBe('Expiring Shortly');
    expect(licenseStatus(termed, end - 1)).toBe('Expiring Shortly');
  });

  it('[PC-4] is Inactive from the end on', () => {
    expect(licenseStatus(termed, end)).toBe('Inactive');
    expect(licenseStatus(termed, end + 1000 * DAY_MS)).toBe('Inactive');
  });

  it('[PC-4] keeps a perpetual license Active for ever once started', () => {
    expect(licenseStatus({ start, end: null }, start - 1)).toBe('Impending');
    expect(licenseStatus({ start, end: null }, start + 100 * 365 * DAY_MS)).toBe('Active');
  });

  it('[PC-4] goes straight from Impending to Expiring Shortly for a term shorter than 31 days', () => {
    const short = { start, end: start + 10 * DAY_MS };
    expect(licenseStatus(short, start - 1)).toBe('Impending');
    expect(licenseStatus(short, start)).toBe('Expiring Shortly');
  });
});
