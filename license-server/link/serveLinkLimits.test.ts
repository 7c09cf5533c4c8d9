import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import { MAX_FRAME_BYTES } from '../../protocol/messages/envelope.ts';
import { ok } from '../../protocol/result.ts';
import { createLinkStats, serveLink } from './serveLink.ts';

describe('serveLink and the frame limit', () => {
  it('answers INTERNAL, saying why, instead of a reply no link could carry, so the device is not left waiting', async () => {
    const pair = createMemoryLinkPair();
    const served = serveLink({
      link: pair.b,
      stats: createLinkStats(),
      handlers: { 'big.list': async () => ok({ rows: 'x'.repeat(MAX_FRAME_BYTES) }), 'small.list': async () => ok({ rows: 'x' }) },
    });
    const replies: string[] = [];
    pair.a.onFrame((frame) => void replies.push(frame));
    pair.a.send(JSON.stringify({ id: 'r1', deviceId: 'ss-001', op: 'big.list', body: {} }));
    pair.a.send(JSON.stringify({ id: 'r2', deviceId: 'ss-001', op: 'small.list', body: {} }));
    await served.idle();
    await new Promise((resolve) => setImmediate(resolve));
    const [big, small] = replies.map((r) => JSON.parse(r) as { id: string; ok: boolean; error?: { code: string; message: string } });
    expect(replies.every((r) => Buffer.byteLength(r) <= MAX_FRAME_BYTES)).toBe(true);
    expect(big).toMatchObject({ id: 'r1', ok: false, error: { code: 'INTERNAL' } });
    expect(big?.error?.message).toMatch(/^big\.list: the reply of \d+ bytes exceeds the 65536-byte frame limit; not sent$/);
    expect(small).toMatchObject({ id: 'r2', ok: true });
  });
});
