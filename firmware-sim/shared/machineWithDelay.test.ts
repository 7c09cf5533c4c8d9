import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { machineDelays, machineGraph } from './machineInspection.ts';
import { machineWithDelay } from './machineWithDelay.ts';

const lampMachine = setup({ delays: { warmUp: 500, coolDown: 100 } }).createMachine({
  id: 'lamp',
  initial: 'off',
  states: { off: { after: { warmUp: 'lit' } }, lit: { after: { coolDown: 'off' } } },
});

describe('machineWithDelay', () => {
  it('is the machine itself for the delay it has', () => {
    expect(machineWithDelay(lampMachine, 'warmUp', 500)).toBe(lampMachine);
  });

  it('builds one machine per delay value, shared by every device asking for it', () => {
    const fast = machineWithDelay(lampMachine, 'warmUp', 5);
    expect(fast).not.toBe(lampMachine);
    expect(machineWithDelay(lampMachine, 'warmUp', 5)).toBe(fast);
    expect(machineWithDelay(lampMachine, 'coolDown', 5)).not.toBe(fast);
    expect(machineDelays(fast)).toEqual({ warmUp: 5, coolDown: 100 });
    expect(machineGraph(fast)).toBe(machineGraph(lampMachine));
  });
});
