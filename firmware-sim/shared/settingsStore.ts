import type { Result } from '../../protocol/result.ts';
import { createNvramStore, type NvramStoreOptions } from './nvramStore.ts';

/**
 * A firmware's settings: its NVRAM image held in RAM, loaded at boot and replaced only after a
 * change has been committed, so a change either fully happened or (power cut, full part) did
 * not happen at all — in NVRAM and in RAM alike.
 */
export interface SettingsStore<T> {
  /** Reads NVRAM into RAM (at boot); an unreadable image loads as blank settings. */
  load(): void;
  /** Why the last load fell back to blank settings, if it did. */
  loadProblem(): string | undefined;
  image(): T;
  /** Commits `change(image())`; on failure NVRAM and RAM keep the old image. */
  update(change: (image: T) => T): Result<T>;
}

export function createSettingsStore<T>(options: NvramStoreOptions<T>): SettingsStore<T> {
  const nvram = createNvramStore(options);
  let current = options.blank();
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
