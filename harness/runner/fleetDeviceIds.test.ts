import { describe, expect, it } from 'vitest';
import { fleetDeviceIds } from './fleetDeviceIds.ts';

describe('fleetDeviceIds', () => {
  it('numbers from 001 with the family prefix or the entry\'s own, widening for 1 000 devices or more', () => {
    expect(fleetDeviceIds({ count: 2 }, 'gw')).toEqual(['gw-001', 'gw-002']);
    expect(fleetDeviceIds({ count: 1, prefix: 'spare' }, 'gw')).toEqual(['spare-001']);
    const thousand = fleetDeviceIds({ count: 1000 }, 'gw');
    expect([thousand[0], thousand[999], thousand.length]).toEqual(['gw-0001', 'gw-1000', 1000]);
  });
});
