import { describe, it, expect } from 'vitest';
import { createMemoryLinkPair } from '../../../emulator/link/memoryLinkPair.ts';
import { createScriptedPortal } from './scriptedPortal.ts';

function rig() {
  const wire = createMemoryLinkPair();
  const portal = createScriptedPortal({ link: wire.b });
  const replies: unknown[] = [];
  wire.a.onFrame((frame) => replies.push(JSON.parse(frame)));
  const send = (id: string, op: string) => wire.a.send(JSON.stringify({ id, op, deviceId: 'dev-1', body: {} }));
  return { portal, replies, send };
}

/** Lets the memory wire deliver what was sent. */
function delivered(): Promise<void> {
  return new Promise((settle) => setImmediate(settle));
}

describe('scriptedPortal', () => {
  it('answers each op as scripted, refuses an op without a script, and keeps every request', async () => {
    const { portal, replies, send } = rig();
    portal.answer('test.ping', () => ({ ok: true, body: { pong: true } }));
    portal.refuse('test.no', 'NOPE');
    portal.answer('test.lost', () => undefined);
    for (const [id, op] of [['1', 'test.ping'], ['2', 'test.no'], ['3', 'test.lost'], ['4', 'test.what']]) send(id!, op!);
    await delivered();
    expect(replies).toEqual([
      { id: '1', ok: true, body: { pong: true } },
      { id: '2', ok: false, error: { code: 'NOPE', message: 'refused test.no' } },
      { id: '4', ok: false, error: { code: 'UNKNOWN_OPERATION', message: 'test.what' } },
    ]);
    expect(portal.requests.map((r) => r.id)).toEqual(['1', '2', '3', '4']);
  });

  it('answers nothing while silent', async () => {
    const { portal, replies, send } = rig();
    portal.answer('test.ping', () => ({ ok: true, body: {} }));
    portal.setSilent(true);
    send('1', 'test.ping');
    await delivered();
    portal.setSilent(false);
    send('2', 'test.ping');
    await delivered();
    expect(replies).toEqual([{ id: '2', ok: true, body: {} }]);
    expect(portal.requests).toHaveLength(2);
  });
});
