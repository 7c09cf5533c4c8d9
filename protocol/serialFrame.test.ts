import { describe, it, expect } from 'vitest';
import { crc32 } from 'node:zlib';
import { MAX_FRAME_BYTES } from './messages/envelope.ts';
import { decodeSerialFrame, encodeSerialFrame, frameRefusalLine, MAX_FRAME_LINE_BYTES } from './serialFrame.ts';

describe('serial frames', () => {
  const message = JSON.stringify({ id: 'r1', op: 'gateway.testLicense', deviceId: 'gw-001', body: { hardwareId: '009033ABCDEF', note: 'Grüße ✓' } });

  it('carries a message as ~base64url*crc32 and back', () => {
    const line = encodeSerialFrame(message);
    expect(line).toMatch(/^~[A-Za-z0-9_-]+\*[0-9a-f]{8}$/);
    expect(decodeSerialFrame(line)).toEqual({ ok: true, value: message });
  });

  it('matches the documented example, so a firmware developer can check an implementation by hand', () => {
    expect(encodeSerialFrame('{"id":"r1"}')).toBe('~eyJpZCI6InIxIn0*252d3857');
    expect(crc32('eyJpZCI6InIxIn0').toString(16)).toBe('252d3857');
  });

  it('accepts the CRC in capitals', () => {
    const line = encodeSerialFrame(message);
    expect(decodeSerialFrame(line.slice(0, -8) + line.slice(-8).toUpperCase())).toEqual({ ok: true, value: message });
  });

  it('refuses a frame whose payload lost or flipped a character, naming both CRCs', () => {
    const line = encodeSerialFrame(message);
    const flipped = line.slice(0, 5) + (line[5] === 'A' ? 'B' : 'A') + line.slice(6);
    const decoded = decodeSerialFrame(flipped);
    expect(decoded).toMatchObject({ ok: false, error: { code: 'FRAME_CRC' } });
    if (!decoded.ok) {
      expect(decoded.error.message).toContain(`the line says ${line.slice(-8)}`);
      expect(frameRefusalLine(decoded.error)).toMatch(/^~!CRC serial frame: CRC mismatch/);
    }
    expect(decodeSerialFrame(line.slice(0, 10) + line.slice(11))).toMatchObject({ ok: false, error: { code: 'FRAME_CRC' } });
  });

  it('refuses malformed frames with the place that is wrong', () => {
    expect(decodeSerialFrame('~abc')).toMatchObject({ ok: false, error: { code: 'FRAME_FORMAT', message: expect.stringContaining("no '*'") } });
    expect(decodeSerialFrame('~abc*12')).toMatchObject({ ok: false, error: { code: 'FRAME_FORMAT', where: 'column 6' } });
    expect(decodeSerialFrame('~ab+c*00000000')).toMatchObject({ ok: false, error: { code: 'FRAME_FORMAT', where: 'column 4' } });
    expect(decodeSerialFrame('status')).toMatchObject({ ok: false, error: { code: 'FRAME_FORMAT' } });
    const ragged = 'abcde';
    expect(decodeSerialFrame(`~${ragged}*${crc32(ragged).toString(16).padStart(8, '0')}`)).toMatchObject({ ok: false, error: { code: 'FRAME_FORMAT', message: expect.stringContaining('whole bytes') } });
    const notUtf8 = Buffer.from([0xff, 0xfe, 0x41]).toString('base64url');
    expect(decodeSerialFrame(`~${notUtf8}*${crc32(notUtf8).toString(16).padStart(8, '0')}`)).toMatchObject({ ok: false, error: { code: 'FRAME_FORMAT', message: expect.stringContaining('UTF-8') } });
    expect(frameRefusalLine({ code: 'FRAME_FORMAT', message: 'x' })).toBe('~!FORMAT x');
  });

  it('takes a message of the protocol\'s largest size and refuses a longer line', () => {
    const largest = encodeSerialFrame('x'.repeat(MAX_FRAME_BYTES));
    expect(largest.length).toBeLessThanOrEqual(MAX_FRAME_LINE_BYTES);
    expect(decodeSerialFrame(largest).ok).toBe(true);
    expect(decodeSerialFrame(`~${'A'.repeat(MAX_FRAME_LINE_BYTES)}*00000000`)).toMatchObject({ ok: false, error: { code: 'FRAME_TOO_LARGE' } });
  });
});
