import { crc32 } from 'node:zlib';

/**
 * The small record written last in a commit: it makes a slot's image count. Its own CRC tells
 * a complete header from one torn by a power cut; the image CRC tells a complete image from a
 * torn one.
 *
 * Layout (little-endian u32s): magic `NVR1` | sequence | image length | image CRC-32 | header CRC-32.
 */
export interface SlotHeader {
  sequence: number;
  length: number;
  crc: number;
}

export const HEADER_SIZE = 20;
const MAGIC = 0x3152564e; // "NVR1" read as a little-endian u32

export function encodeHeader(header: SlotHeader): Uint8Array {
  const bytes = new Uint8Array(HEADER_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.sequence >>> 0, true);
  view.setUint32(8, header.length >>> 0, true);
  view.setUint32(12, header.crc >>> 0, true);
  view.setUint32(16, crc32(bytes.subarray(0, 16)), true);
  return bytes;
}

/** The header's fields, or undefined for an erased, torn or foreign header. */
export function decodeHeader(bytes: Uint8Array): SlotHeader | undefined {
  if (bytes.length !== HEADER_SIZE) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return undefined;
  if (view.getUint32(16, true) !== crc32(bytes.subarray(0, 16))) return undefined;
  return { sequence: view.getUint32(4, true), length: view.getUint32(8, true), crc: view.getUint32(12, true) };
}

export function imageCrc(image: Uint8Array): number {
  return crc32(image);
}
