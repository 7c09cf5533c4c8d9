import type { Nvram } from '../../emulator/nvram/Nvram.ts';
import type { Result } from '../../protocol/result.ts';
import { createNvramStore } from '../shared/nvramStore.ts';
import { blankSmartServerImage, smartserverImageSchema, type SmartServerImage } from './smartserverImage.ts';

/**
 * The SmartServer's NVRAM image held in RAM: loaded at boot, replaced only after a change has
 * been committed, so a change either fully happened or (power cut, full part) did not at all.
 */
export interface SmartServerSettings {
  load(): void;
  /** Why the last load fell back to blank settings, if it did. */
  loadProblem(): string | undefined;
  image(): SmartServerImage;
  update(change: (image: SmartServerImage) => SmartServerImage): Result<SmartServerImage>;
}

export function createSmartServerSettings(options: { nvram: Nvram }): SmartServerSettings {
  const nvram = createNvramStore({ nvram: options.nvram, schema: smartserverImageSchema, blank: blankSmartServerImage, what: 'SmartServer settings' });
  let current = blankSmartServerImage();
  let problem: string | undefined;
  return {
    load() {
      const loaded = nvram.load();
      current = loaded.value;
      problem = loaded.problem;
    },
    loadProblem: () => problem,
    image: () => current,
    update(change) {
      const saved = nvram.save(change(current));
      if (saved.ok) current = saved.value;
      return saved;
    },
  };
}
