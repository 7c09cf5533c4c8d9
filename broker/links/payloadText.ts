import { MAX_FRAME_BYTES } from '../../protocol/messages/envelope.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';

/** `fatal` makes a malformed byte sequence an error instead of a silent U+FFFD. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * An MQTT payload as frame text: at most MAX_FRAME_BYTES, valid UTF-8. Checked before any JSON
 * parsing, so a huge or binary payload costs nothing but the check.
 */
export function payloadText(payload: Uint8Array): Result<string> {
  if (payload.byteLength > MAX_FRAME_BYTES) {
    return fail(ErrorCode.BadRequest, `payload of ${payload.byteLength} bytes exceeds the ${MAX_FRAME_BYTES}-byte frame limit`);
  }
  try {
    return ok(utf8.decode(payload));
  } catch {
    return fail(ErrorCode.BadRequest, `payload of ${payload.byteLength} bytes is not valid UTF-8`);
  }
}

/** What a refused frame looks like in a log: where it was going, and why it went nowhere. */
export interface FrameRefusal {
  readonly topic: string;
  readonly reason: string;
}

export type FrameRefusalLogger = (entry: FrameRefusal) => void;

/** One line per refusal on stderr: the default when no logger is given. */
export const logToStderr: FrameRefusalLogger = (entry) => {
  process.stderr.write(`fleetrig mqtt: refused frame on ${entry.topic}: ${entry.reason}\n`);
};
