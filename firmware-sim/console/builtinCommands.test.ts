import { describe, it, expect } from 'vitest';
import { statusText } from './builtinCommands.ts';

const state = { deviceId: 'cl-001', family: 'video', state: 'running', licenses: [{ licenseId: 'L1', featureCode: 'CLARITI-PORTS', count: 5, status: 'active' }] } as const;

describe('statusText', () => {
  it('[GW-5] says whether a reboot would change the licenses in force, on a family whose changes wait for one', () => {
    expect(statusText({ ...state, family: 'gateway', pendingReset: true }, 0)).toMatch(/^pendingReset\s+yes: reboot to apply the license changes$/m);
    expect(statusText({ ...state, family: 'gateway', pendingReset: false }, 0)).toMatch(/^pendingReset\s+no$/m);
  });

  it('leaves pendingReset out for a family whose licenses take effect at once', () => {
    const text = statusText(state, 0);
    expect(text).toBe([
      'device    cl-001',
      'family    video',
      'state     running',
      'licenses  1 in force',
      '  L1      CLARITI-PORTS x5 active',
      'time      1970-01-01T00:00:00.000Z',
    ].join('\n'));
  });
});
