import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { SupplyPower } from '../../emulator/power/SupplyPower.ts';
import { FlashNvram } from '../../emulator/nvram/FlashNvram.ts';
import { createSettingsStore } from './settingsStore.ts';

const schema = z.object({ names: z.array(z.string()) });

function rig() {
  const power = new SupplyPower({ on: true });
  const nvram = new FlashNvram({ power, pageSize: 16 });
  const settings = createSettingsStore({ nvram, schema, blank: () => ({ names: [] }), what: 'test settings' });
  return { power, nvram, settings };
}

describe('settingsStore', () => {
  it('holds blank settings until loaded, and the committed image after each update', () => {
    const { settings } = rig();
    expect(settings.image()).toEqual({ names: [] });
    expect(settings.update((image) => ({ names: [...image.names, 'a'] }))).toEqual({ ok: true, value: { names: ['a'] } });
    expect(settings.image()).toEqual({ names: ['a'] });
    settings.load();
    expect(settings.image()).toEqual({ names: ['a'] });
    expect(settings.loadProblem()).toBeUndefined();
  });

  it('keeps the old image in RAM and NVRAM when a commit fails', () => {
    const { power, settings } = rig();
    settings.update(() => ({ names: ['old'] }));
    power.cutAfterWrites(1);
    expect(settings.update(() => ({ names: ['new', 'and a longer list to span pages'] }))).toMatchObject({ ok: false, error: { code: 'POWER_LOSS' } });
    expect(settings.image()).toEqual({ names: ['old'] });
    power.restore();
    settings.load();
    expect(settings.image()).toEqual({ names: ['old'] });
  });

  it('loads blank settings from an image that does not parse, and says why', () => {
    const { nvram, settings } = rig();
    nvram.commit(new TextEncoder().encode('{"names":[1]}'));
    settings.load();
    expect(settings.image()).toEqual({ names: [] });
    expect(settings.loadProblem()).toContain('names.0');
  });
});
