/**
 * NVRAM images as JSON, the format firmware keeps its settings and licenses in. Decoding never
 * throws: an image that is not UTF-8 JSON decodes to undefined, which the firmware's schema
 * then rejects like any other bad stored state.
 */
export function encodeJson(value: unknown): Uint8Array {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`cannot store ${typeof value} as a JSON NVRAM image`);
  return new TextEncoder().encode(text);
}

export function decodeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}
