import { crc32 } from 'node:zlib';

/**
 * Frames as docs/serial.md defines them, built and read here by hand — base64url JSON, then
 * `*` and the CRC-32 of the payload characters — so the tests do not lean on the encoder they
 * check the device against.
 */
export function frameLine(message: object): string {
  const payload = Buffer.from(JSON.stringify(message), 'utf8').toString('base64url');
  return `~${payload}*${crc32(payload).toString(16).padStart(8, '0')}\r`;
}

/** The messages of the good frame lines in console output; prompts, echo and `~!` refusals are skipped. */
export function framesIn(output: string): Record<string, unknown>[] {
  const frames: Record<string, unknown>[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^~([A-Za-z0-9_-]+)\*([0-9a-f]{8})$/.exec(line);
    if (!match || crc32(match[1]!) !== parseInt(match[2]!, 16)) continue;
    frames.push(JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as Record<string, unknown>);
  }
  return frames;
}
