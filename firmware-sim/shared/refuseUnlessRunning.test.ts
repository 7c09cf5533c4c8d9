import { describe, it, expect } from 'vitest';
import { refuseUnlessRunning } from './refuseUnlessRunning.ts';

describe('refuseUnlessRunning', () => {
  it('refuses with NOT_RUNNING, naming the operation and the device, unless the firmware runs', () => {
    let running = false;
    const core = { board: { id: 'gw-001' }, productName: 'gateway', isRunning: () => running };
    expect(refuseUnlessRunning(core, 'License page add')).toEqual({
      ok: false,
      error: { code: 'NOT_RUNNING', message: 'License page add: the gateway gw-001 is not running (it is off or still booting)' },
    });
    running = true;
    expect(refuseUnlessRunning(core, 'License page add')).toBeUndefined();
  });
});
