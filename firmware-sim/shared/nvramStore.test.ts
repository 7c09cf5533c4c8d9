import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { SupplyPower } from '../../emulator/power/SupplyPower.ts';
import { FlashNvram } from '../../emulator/nvram/FlashNvram.ts';
import { createNvramStore } from './nvramStore.ts';

const schema = z.object({ names: z.array(z.string()) });

function rig(capacity?: number) {
  const power = new SupplyPower({ on: true });
  const nvram = new FlashNvram({ power, capacity, pageSize: 16 });
  const store = createNvramStore({ nvram, schema, blank: () => ({ names: [] }), what: 'test settings' });
  return { power, nvram, store };
}

describe('nvramStore', () => {
  it('loads blank settings from a blank part, and what was saved afterwards', () => {
    const { store } = rig();
    expect(store.load()).toEqual({ value: { names: [] } });
    expect(store.save({ names: ['a'] })).toEqual({ ok: true, value: { names: ['a'] } });
    expect(store.load()).toEqual({ value: { names: ['a'] } });
  });

  it('loads blank settings, and says why, from an image that is not JSON or not the schema', () => {
    const { nvram, store } = rig();
    nvram.commit(new Uint8Array([0xff, 0x00, 0x7b]));
    expect(store.load()).toMatchObject({ value: { names: [] }, problem: expect.stringContaining('test settings NVRAM image') });
    nvram.commit(new TextEncoder().encode('{"names":[1]}'));
    expect(store.load().problem).toContain('names.0');
  });

  it('reports a power cut during the commit as POWER_LOSS, keeping the old image', () => {
    const { power, store } = rig();
    store.save({ names: ['old'] });
    power.cutAfterWrites(1);
    expect(store.save({ names: ['new', 'and a longer list to span pages'] })).toMatchObject({ ok: false, error: { code: 'POWER_LOSS' } });
    power.restore();
    expect(store.load()).toEqual({ value: { names: ['old'] } });
  });

  it('reports any other write failure as NVRAM_WRITE_FAILED', () => {
    const { store } = rig(32);
    expect(store.save({ names: ['far too long for a 32-byte part'] })).toMatchObject({ ok: false, error: { code: 'NVRAM_WRITE_FAILED' } });
  });
});
