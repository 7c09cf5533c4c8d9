/** A one-line summary of a link frame for traces: `gateway.download #a1b2` or `ok #a1b2` / `error TIMEOUT #a1b2`. */
export function describeFrame(frame: string): string {
  try {
    const msg = JSON.parse(frame) as { id?: unknown; op?: unknown; ok?: unknown; error?: { code?: unknown } };
    const id = typeof msg.id === 'string' ? ` #${msg.id}` : '';
    if (typeof msg.op === 'string') return `${msg.op}${id}`;
    if (msg.ok === true) return `ok${id}`;
    if (msg.ok === false) return `error ${String(msg.error?.code ?? '?')}${id}`;
  } catch {
    // not JSON: fall through to the raw text
  }
  return frame.length > 60 ? `${frame.slice(0, 57)}...` : frame;
}
