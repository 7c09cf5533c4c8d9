import { describe, it, expect } from 'vitest';
import { SupplyPower } from './SupplyPower.ts';

describe('SupplyPower', () => {
  it('starts off unless asked to start on', () => {
    expect(new SupplyPower().isOn()).toBe(false);
    expect(new SupplyPower({ on: true }).isOn()).toBe(true);
  });

  it('tells listeners about transitions only', () => {
    const power = new SupplyPower();
    const seen: boolean[] = [];
    const stop = power.onChange((on) => seen.push(on));
    power.cut();
    power.restore();
    power.restore();
    power.cut();
    power.cut();
    stop();
    power.restore();
    expect(seen).toEqual([true, false]);
  });

  it('lets n write steps complete, then cuts during the next one', () => {
    const power = new SupplyPower({ on: true });
    const seen: boolean[] = [];
    power.onChange((on) => seen.push(on));
    power.cutAfterWrites(2);
    expect(power.isArmed()).toBe(true);
    expect([power.beforeWriteStep(), power.beforeWriteStep(), power.beforeWriteStep()]).toEqual([true, true, false]);
    expect(power.isOn()).toBe(false);
    expect(seen).toEqual([false]);
    expect(power.isArmed()).toBe(false);
    power.restore();
    expect(power.beforeWriteStep()).toBe(true);
  });

  it('cuts at the very next step when armed with 0', () => {
    const power = new SupplyPower({ on: true });
    power.cutAfterWrites(0);
    expect(power.beforeWriteStep()).toBe(false);
    expect(power.isOn()).toBe(false);
  });

  it('refuses every write step while off, without using up an armed cut', () => {
    const power = new SupplyPower();
    power.cutAfterWrites(1);
    expect(power.beforeWriteStep()).toBe(false);
    power.restore();
    expect(power.beforeWriteStep()).toBe(true);
    expect(power.beforeWriteStep()).toBe(false);
  });

  it('can be disarmed', () => {
    const power = new SupplyPower({ on: true });
    power.cutAfterWrites(0);
    power.disarm();
    expect(power.beforeWriteStep()).toBe(true);
    expect(power.isOn()).toBe(true);
  });

  it('rejects a step count that is not a whole number >= 0, naming it', () => {
    const power = new SupplyPower();
    expect(() => power.cutAfterWrites(-1)).toThrow(/got -1/);
    expect(() => power.cutAfterWrites(1.5)).toThrow(/got 1.5/);
    expect(() => power.cutAfterWrites(Number.NaN)).toThrow(/got NaN/);
    expect(power.isArmed()).toBe(false);
  });
});
