import type { Nvram } from '../../emulator/nvram/Nvram.ts';
import type { Result } from '../../protocol/result.ts';
import { createNvramStore } from '../shared/nvramStore.ts';
import { blankVideoImage, videoImageSchema, type VideoImage } from './videoImage.ts';

/**
 * The product's NVRAM image held in RAM: loaded at boot, replaced only once a change has been
 * committed, so a power cut mid-write leaves both as they were.
 */
export interface VideoStore {
  load(): void;
  /** Why the last load fell back to blank settings, if it did. */
  loadProblem(): string | undefined;
  image(): VideoImage;
  update(change: (image: VideoImage) => VideoImage): Result<VideoImage>;
}

export function createVideoStore(options: { nvram: Nvram }): VideoStore {
  const nvram = createNvramStore({ nvram: options.nvram, schema: videoImageSchema, blank: blankVideoImage, what: 'video product settings' });
  let current = blankVideoImage();
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
