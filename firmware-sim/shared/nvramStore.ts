import type { z } from 'zod';
import type { Nvram } from '../../emulator/nvram/Nvram.ts';
import { decodeJson, encodeJson } from '../../emulator/nvram/jsonImage.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { parseValue } from '../../protocol/messages/envelope.ts';
import { DeviceErrorCode } from './DeviceErrorCode.ts';

/**
 * A firmware's persistent settings as one JSON image in NVRAM, committed whole. The commit is
 * atomic, so after a power cut the device finds either the old image or the new one; a failed
 * commit is reported as a failure value and the caller keeps its old state.
 */
export interface NvramStore<T> {
  /** The committed image, or `blank()` on a blank part or an image that does not parse. */
  load(): { value: T; problem?: string };
  /** Commits `next`; on failure nothing was stored. */
  save(next: T): Result<T>;
}

export interface NvramStoreOptions<T> {
  nvram: Nvram;
  schema: z.ZodType<T>;
  /** The settings of a blank part, or of one whose image does not parse. */
  blank: () => T;
  /** What the settings are, for messages: `gateway settings`. */
  what: string;
}

export function createNvramStore<T>(options: NvramStoreOptions<T>): NvramStore<T> {
  const { nvram, schema, blank, what } = options;
  return {
    load() {
      let bytes: Uint8Array | undefined;
      try {
        bytes = nvram.read();
      } catch (e) {
        return { value: blank(), problem: `${what}: NVRAM unreadable (${(e as Error).message})` };
      }
      if (bytes === undefined) return { value: blank() };
      // decodeJson yields undefined for bytes that are not JSON; the schema then names the problem.
      const json = decodeJson(bytes);
      const parsed = parseValue(json, schema, `${what} NVRAM image`);
      return parsed.ok ? { value: parsed.value } : { value: blank(), problem: parsed.error.message };
    },
    save(next) {
      try {
        nvram.commit(encodeJson(next));
        return ok(next);
      } catch (e) {
        const error = e as Error & { powerLoss?: boolean };
        if (error.powerLoss === true) {
          return fail(DeviceErrorCode.PowerLoss, `${what}: power was lost while writing NVRAM; the change was not stored`);
        }
        return fail(DeviceErrorCode.NvramWriteFailed, `${what}: NVRAM write failed (${error.message}); the change was not stored`);
      }
    },
  };
}
