import { describe, expect, it } from 'vitest';
import { scenarioDeviceIds } from './scenarioDeviceIds.ts';

describe('scenarioDeviceIds', () => {
  const families = new Map([['gateway', { prefix: 'gw' }], ['smartserver', { prefix: 'ss' }]]);

  it('lists every device the scenarios create, once each, sorted, own prefixes included', () => {
    const ids = scenarioDeviceIds([
      { fleet: [{ family: 'gateway', count: 2 }] },
      { fleet: [{ family: 'gateway', count: 1 }, { family: 'gateway', count: 1, prefix: 'spare' }, { family: 'smartserver', count: 1 }] },
    ], families);
    expect(ids).toEqual(['gw-001', 'gw-002', 'spare-001', 'ss-001']);
  });

  it('throws on a family the loader would have refused', () => {
    expect(() => scenarioDeviceIds([{ fleet: [{ family: 'kettle', count: 1 }] }], families)).toThrow(/unknown family 'kettle'/);
  });
});
