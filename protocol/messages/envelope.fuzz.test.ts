import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { payloadText } from '../../broker/links/payloadText.ts';
import type { Failure, Result } from '../result.ts';
import { audioOps } from './audio.ts';
import { MAX_FRAME_BYTES, parseFrame, parseValue, replySchema, requestSchema } from './envelope.ts';
import { gatewayOps } from './gateway.ts';
import { smartserverOps } from './smartserver.ts';
import { videoOps } from './video.ts';

/**
 * Whatever arrives on a device's MQTT topic — any bytes, any JSON, an envelope with one field
 * wrong — parsing returns a value and never throws: the envelope, or BAD_REQUEST with a `where`
 * naming the field (`(root)` for the frame as a whole), so the endpoint can log it and serve on.
 */

/** Nothing but a Result; a refusal is BAD_REQUEST, names the frame it was parsing, and says where. */
function expectParsed<T>(parse: () => Result<T, Failure>, what: string): Result<T, Failure> {
  expect(parse).not.toThrow();
  const result = parse();
  if (!result.ok) {
    expect(result.error.code).toBe('BAD_REQUEST');
    expect(result.error.message.startsWith(`${what}: `)).toBe(true);
    expect(result.error.where).toMatch(/^(\(root\)|[^.]+(\.[^.]+)*)$/);
  }
  return result;
}

const validRequest = { id: 'req-1', op: 'gateway.download', deviceId: 'gw-0001', body: { hardwareId: 'HW-1' } };
const validReplies = [{ id: 'req-1', ok: true, body: { files: [] } }, { id: 'req-1', ok: false, error: { code: 'NOT_FOUND', message: 'no such device' } }];

/** Envelopes close to valid: each field kept, dropped, or replaced by any JSON value, plus stray fields. */
const nearEnvelope = (valid: Record<string, unknown>) =>
  fc.tuple(
    ...Object.entries(valid).map(([key, value]) =>
      fc.oneof({ arbitrary: fc.constant([key, value] as const), weight: 3 }, fc.constant([key, undefined] as const), fc.jsonValue().map((v) => [key, v] as const))),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 2 }),
  ).map((parts) => {
    const extra = parts.pop() as Record<string, unknown>;
    const fields = Object.fromEntries((parts as (readonly [string, unknown])[]).filter(([, v]) => v !== undefined));
    return { ...fields, ...extra };
  });

const schemas: [string, z.ZodType<unknown>, fc.Arbitrary<unknown>][] = [
  ['request', requestSchema, nearEnvelope(validRequest)],
  ['reply', replySchema, fc.oneof(...validReplies.map(nearEnvelope))],
];

describe.each(schemas)('MQTT %s envelopes', (what, schema, near) => {
  it('[MQTT] parses any payload bytes to a value, never throwing, with a stable code', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary' }).map((s) => new TextEncoder().encode(s))), (bytes) => {
        expect(() => payloadText(bytes)).not.toThrow();
        const text = payloadText(bytes);
        if (!text.ok) return void expect(text.error.code).toBe('BAD_REQUEST');
        expectParsed(() => parseFrame(text.value, schema, what), what);
      }),
    );
  });

  it('[MQTT] parses any JSON text to a value, never throwing; what it accepts survives a round trip', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), near.map((v) => JSON.stringify(v)), fc.string({ unit: 'binary' })), (frame) => {
        const result = expectParsed(() => parseFrame(frame, schema, what), what);
        if (result.ok) expect(parseFrame(JSON.stringify(result.value), schema, what)).toEqual(result);
      }),
    );
  });

  it('[MQTT] an envelope with fields dropped, replaced or added is refused naming a field it has wrong', () => {
    fc.assert(
      fc.property(near, (value) => {
        const result = expectParsed(() => parseValue(value, schema, what), what);
        if (result.ok || result.error.where === '(root)') return;
        // The field named is one of the envelope's own, or a stray one the strict schema refuses.
        const top = result.error.where!.split('.')[0]!;
        expect(top in (value as object) || ['id', 'op', 'deviceId', 'body', 'ok', 'error'].includes(top)).toBe(true);
      }),
    );
  });
});

describe('MQTT frames as a whole', () => {
  it('[MQTT] refuses an oversized or non-JSON frame at its root', () => {
    expect(parseFrame(' '.repeat(MAX_FRAME_BYTES + 1), requestSchema, 'request')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: '(root)' } });
    expect(parseFrame('{"id":', requestSchema, 'request')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: '(root)' } });
  });
});

const opBodies = [...Object.values(gatewayOps), ...Object.values(smartserverOps), ...Object.values(videoOps), ...Object.values(audioOps)];

describe.each(opBodies)('$op bodies', ({ op, request, reply }) => {
  it('[MQTT] parses any JSON request or reply body to a value, never throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.dictionary(fc.constantFrom('hardwareId', 'certificate', 'proof', 'licenseIds', 'accountId', 'customerId', 'installCode', 'requestCode', 'files', 'x'), fc.jsonValue(), { maxKeys: 5 }), (any, body) => {
        for (const value of [any, body]) {
          expectParsed(() => parseValue(value, request as z.ZodType<unknown>, `${op} body`), `${op} body`);
          expectParsed(() => parseValue(value, reply as z.ZodType<unknown>, `${op} reply`), `${op} reply`);
        }
      }),
      { numRuns: 100 },
    );
  });
});
