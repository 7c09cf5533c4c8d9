import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../emulator/clock/duration.ts';
import { certificateFault } from './certificateFault.ts';
import { clockSkew } from './clockSkew.ts';
import { replayRequest } from './replayRequest.ts';

describe('tamper step arguments', () => {
  it('[TM-1] clockSkew takes a signed duration: back with -, forward without or with +', () => {
    expect(clockSkew.args.parse({ device: 'gw-001', by: '-30d' })).toEqual({ device: 'gw-001', by: -30 * DAY });
    expect(clockSkew.args.parse({ device: 'gw-*', by: '+2h' })).toEqual({ device: 'gw-*', by: 2 * HOUR });
    expect(clockSkew.args.parse({ device: ['a', 'b'], by: '1d12h' }).by).toBe(1.5 * DAY);
    const bad = clockSkew.args.safeParse({ device: 'gw-001', by: '30 days back' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['by'], message: expect.stringContaining('-30d') });
  });

  it('[TM-4] certificate needs `of` exactly with `as: foreign`, naming the field', () => {
    expect(certificateFault.args.parse({ device: 'gw-001', as: 'foreign', of: 'gw-002' })).toEqual({ device: 'gw-001', as: 'foreign', of: 'gw-002' });
    expect(certificateFault.args.parse({ device: 'gw-001', as: 'missing' }).as).toBe('missing');
    for (const args of [{ device: 'gw-001', as: 'foreign' }, { device: 'gw-001', as: 'forged', of: 'gw-002' }]) {
      const parsed = certificateFault.args.safeParse(args);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['of']);
    }
    expect(certificateFault.args.safeParse({ device: 'gw-001', as: 'stolen' }).success).toBe(false);
  });

  it('[TM-3] replayRequest names one device and an op', () => {
    expect(replayRequest.args.parse({ device: 'gw-001', op: 'gateway.invalidate', expectError: 'REQUEST_REPLAYED' }).op).toBe('gateway.invalidate');
    expect(replayRequest.args.safeParse({ device: 'gw-*', op: 'gateway.invalidate' }).success).toBe(false);
    expect(replayRequest.args.safeParse({ device: 'gw-001', op: 'invalidate' }).success).toBe(false);
  });
});
