/** The request or reply ID of a JSON frame, if it has a usable one; never throws. */
export function frameId(frame: string): string | undefined {
  try {
    return idOf(JSON.parse(frame));
  } catch {
    return undefined;
  }
}

/** The `id` of a parsed frame, under the envelope's rules (1 to 64 characters). */
export function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
}
