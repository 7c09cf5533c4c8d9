import { z } from 'zod';
import { fail, ok, type Failure, type Result } from '../result.ts';

/**
 * Every device ↔ license-server exchange is a request and one reply, matched by `id` — a
 * request ID chosen by the device, so a duplicated delivery (MQTT QoS 1) is answered once.
 * The same JSON travels over the in-memory link, MQTT and the serial line.
 */
export const MAX_FRAME_BYTES = 64 * 1024;

export const requestSchema = z.object({
  id: z.string().min(1).max(64),
  op: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(128),
  body: z.record(z.string(), z.unknown()),
}).strict();
export type Request = z.infer<typeof requestSchema>;

/**
 * A refusal's code stays any string here: the device narrows it (`isWireErrorCode`), so a code
 * it does not know is a refusal it can name, not a reply it drops.
 */
export const replyErrorSchema = z.object({ code: z.string(), message: z.string() });

export const replySchema = z.union([
  z.object({ id: z.string(), ok: z.literal(true), body: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ id: z.string(), ok: z.literal(false), error: replyErrorSchema }).strict(),
]);
export type Reply = z.infer<typeof replySchema>;

/** Parses one frame against a schema; the error names the field that is wrong, `(root)` for the frame as a whole. */
export function parseFrame<T>(frame: string, schema: z.ZodType<T>, what: string): Result<T, Failure<'BAD_REQUEST'>> {
  if (Buffer.byteLength(frame) > MAX_FRAME_BYTES) {
    return fail('BAD_REQUEST', `${what}: frame of ${Buffer.byteLength(frame)} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit`, '(root)');
  }
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch (e) {
    return fail('BAD_REQUEST', `${what}: not JSON (${(e as Error).message})`, '(root)');
  }
  return parseValue(json, schema, what);
}

export function parseValue<T>(value: unknown, schema: z.ZodType<T>, what: string): Result<T, Failure<'BAD_REQUEST'>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return fail('BAD_REQUEST', `${what}: ${path}: ${issue.message}`, path);
}
