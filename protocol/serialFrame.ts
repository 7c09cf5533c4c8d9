import { crc32 } from 'node:zlib';
import { MAX_FRAME_BYTES } from './messages/envelope.ts';
import { FrameErrorCode } from './FrameErrorCode.ts';
import { fail, ok, type Failure, type Result } from './result.ts';

/**
 * One license message on a serial line, one per line: `~`, the message's JSON as base64url
 * (no padding), `*`, and the CRC-32 (IEEE 802.3, as zlib and Ethernet compute it) of the
 * base64url text as 8 hex digits:
 *
 *     ~eyJpZCI6InIxIn0*252d3857     (the message {"id":"r1"})
 *
 * base64url keeps the line free of CR, LF and the console's special characters; the CRC catches
 * the flipped bits of a noisy line. The CRC covers the text a sender actually writes, so a
 * firmware developer checks a frame with one CRC call over the characters between `~` and `*`.
 * What the JSON means is for the two ends (request/reply envelopes, protocol/messages).
 */
export const FRAME_MARKER = '~';
/** Starts a line that reports a frame the receiver refused: `~!CRC …`, `~!FORMAT …`, `~!SIZE …`. */
export const FRAME_REFUSAL_MARKER = '~!';
/** The longest frame line: a MAX_FRAME_BYTES message in base64url, marker, `*` and CRC. */
export const MAX_FRAME_LINE_BYTES = 1 + Math.ceil((MAX_FRAME_BYTES * 4) / 3) + 1 + 8;

const REFUSAL_WORDS: Readonly<Record<FrameErrorCode, string>> = { FRAME_CRC: 'CRC', FRAME_FORMAT: 'FORMAT', FRAME_TOO_LARGE: 'SIZE' };

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const CRC_HEX = /^[0-9a-fA-F]{8}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The frame line for one message, without the line end. */
export function encodeSerialFrame(message: string): string {
  const payload = Buffer.from(message, 'utf8').toString('base64url');
  return `${FRAME_MARKER}${payload}*${crcHex(payload)}`;
}

/** The message a frame line carries; a bad CRC, bad base64url or bad UTF-8 is refused, never thrown. */
export function decodeSerialFrame(line: string): Result<string, Failure<FrameErrorCode>> {
  if (!line.startsWith(FRAME_MARKER)) return fail(FrameErrorCode.Format, `serial frame: a frame starts with '${FRAME_MARKER}'`, 'column 1');
  if (line.length > MAX_FRAME_LINE_BYTES) {
    return fail(FrameErrorCode.TooLarge, `serial frame: ${line.length} characters exceeds the ${MAX_FRAME_LINE_BYTES}-character limit (a ${MAX_FRAME_BYTES}-byte message)`);
  }
  const star = line.lastIndexOf('*');
  if (star < 0) return fail(FrameErrorCode.Format, 'serial frame: no \'*\' before the CRC; expected ~<base64url>*<crc32 hex8>');
  const payload = line.slice(1, star);
  const crc = line.slice(star + 1);
  if (!CRC_HEX.test(crc)) return fail(FrameErrorCode.Format, `serial frame: the CRC must be 8 hex digits after '*', got '${crc.slice(0, 16)}'`, `column ${star + 2}`);
  const bad = BASE64URL.test(payload) ? undefined : payload.search(/[^A-Za-z0-9_-]/);
  if (bad !== undefined) return fail(FrameErrorCode.Format, `serial frame: character ${bad + 2} is not base64url (A-Z a-z 0-9 - _)`, `column ${bad + 2}`);
  const actual = crcHex(payload);
  if (actual !== crc.toLowerCase()) return fail(FrameErrorCode.Crc, `serial frame: CRC mismatch: the line says ${crc.toLowerCase()}, its payload gives ${actual}`);
  if (payload.length % 4 === 1) return fail(FrameErrorCode.Format, `serial frame: ${payload.length} base64url characters cannot be whole bytes`);
  try {
    return ok(utf8.decode(Buffer.from(payload, 'base64url')));
  } catch {
    return fail(FrameErrorCode.Format, 'serial frame: the payload is not UTF-8 text');
  }
}

/** Why a frame line of `bytes` bytes, past `limit`, was refused: the same words at every receiver. */
export function frameTooLarge(bytes: number, limit: number = MAX_FRAME_LINE_BYTES): Failure<FrameErrorCode> {
  return { code: FrameErrorCode.TooLarge, message: `serial frame: ${bytes} bytes exceeds the ${limit}-byte limit; the whole line was discarded` };
}

/** The line a receiver answers a refused frame with, e.g. `~!CRC serial frame: CRC mismatch: …`. */
export function frameRefusalLine(error: Failure<FrameErrorCode>): string {
  return `${FRAME_REFUSAL_MARKER}${REFUSAL_WORDS[error.code]} ${error.message}`;
}

function crcHex(text: string): string {
  return crc32(text).toString(16).padStart(8, '0');
}
