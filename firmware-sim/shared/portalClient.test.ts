import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import { createPortalClient } from './portalClient.ts';

const echo = { op: 'test.echo', body: { say: 'hi' }, reply: z.object({ said: z.string() }) };

function rig(replyTimeoutMs?: number) {
  const clock = new VirtualClock();
  const pair = createMemoryLinkPair();
  const client = createPortalClient({ link: pair.a, clock, random: createRandom(1), deviceId: 'dev-1', replyTimeoutMs });
  const received: { id: string; op: string; deviceId: string; body: Record<string, unknown> }[] = [];
  pair.b.onFrame((frame) => received.push(JSON.parse(frame)));
  return { clock, pair, client, received };
}

describe('portalClient', () => {
  it('sends a request envelope and resolves with the validated reply body', async () => {
    const { clock, pair, client, received } = rig();
    pair.b.onFrame((frame) => {
      const { id } = JSON.parse(frame);
      pair.b.send(JSON.stringify({ id, ok: true, body: { said: 'hi' } }));
    });
    const result = await client.request(echo);
    await clock.quiesce();
    expect(result).toEqual({ ok: true, value: { said: 'hi' } });
    expect(received[0]).toMatchObject({ op: 'test.echo', deviceId: 'dev-1', body: { say: 'hi' } });
    expect(received[0]!.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('passes the request ID to a body builder, so a proof can sign it', async () => {
    const { pair, client, received } = rig();
    pair.b.onFrame((frame) => pair.b.send(JSON.stringify({ id: JSON.parse(frame).id, ok: true, body: { said: 'x' } })));
    await client.request({ ...echo, body: (id) => ({ signed: `sig(${id})` }) });
    expect(received[0]!.body).toEqual({ signed: `sig(${received[0]!.id})` });
  });

  it("passes the portal's refusal code through", async () => {
    const { pair, client } = rig();
    pair.b.onFrame((frame) => {
      const { id } = JSON.parse(frame);
      pair.b.send(JSON.stringify({ id, ok: false, error: { code: 'TEST_LICENSE_ALREADY_ISSUED', message: 'one per device' } }));
    });
    const result = await client.request(echo);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('TEST_LICENSE_ALREADY_ISSUED');
      expect(result.error.message).toContain('test.echo');
    }
  });

  it.each(['NOT_A_CODE', 'TIMEOUT', 'NO_SUCH_DEVICE', ''])('turns a refusal with %j, which is no wire code, into BAD_REPLY naming it', async (code) => {
    const { pair, client } = rig();
    pair.b.onFrame((frame) => {
      const { id } = JSON.parse(frame);
      pair.b.send(JSON.stringify({ id, ok: false, error: { code, message: 'made up' } }));
    });
    const result = await client.request(echo);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REPLY' } });
    if (!result.ok) expect(result.error.message).toBe(`portal refused test.echo with ${JSON.stringify(code)}, which is no protocol error code: made up`);
  });

  it('fails with TIMEOUT on the injected clock when no reply comes', async () => {
    const { clock, client } = rig(5_000);
    let outcome: unknown;
    void client.request(echo).then((r) => (outcome = r));
    await clock.advance(4_999);
    expect(outcome).toBeUndefined();
    await clock.advance(1);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });

  it('lets the virtual timeout fire at once when the far end drops the request, holding no time', async () => {
    const { clock, pair, client } = rig(5_000);
    const start = clock.now();
    // A server that ignores what it cannot read, as serveLink does with a frame without an ID.
    pair.b.onFrame(() => {});
    const failedAt = client.request(echo).then((r) => ({ r, at: clock.now() - start }));
    await clock.advance(60_000);
    expect(await failedAt).toMatchObject({ r: { ok: false, error: { code: 'TIMEOUT' } }, at: 5_000 });
    expect(clock.now() - start).toBe(60_000);
  });

  it('fails with LINK_DOWN at once when the link is down, and when it goes down mid-request', async () => {
    const { pair, client } = rig();
    const waiting = client.request(echo);
    pair.setUp(false);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'LINK_DOWN' } });
    expect(await client.request(echo)).toMatchObject({ ok: false, error: { code: 'LINK_DOWN' } });
  });

  it('ignores and counts stray, malformed and unmatched frames, then still takes the real reply', async () => {
    const { clock, pair, client } = rig();
    pair.b.onFrame((frame) => {
      const { id } = JSON.parse(frame);
      pair.b.send('not json');
      pair.b.send(JSON.stringify({ id: 'someone-else', ok: true, body: {} }));
      pair.b.send(JSON.stringify({ id, ok: 'yes' }));
      pair.b.send(JSON.stringify({ id, ok: true, body: { said: 'hi' } }));
    });
    expect(await client.request(echo)).toEqual({ ok: true, value: { said: 'hi' } });
    await clock.quiesce();
    expect(client.ignoredFrames()).toBe(3);
  });

  it('fails with BAD_REPLY when the reply body does not fit the operation', async () => {
    const { pair, client } = rig();
    pair.b.onFrame((frame) => pair.b.send(JSON.stringify({ id: JSON.parse(frame).id, ok: true, body: { said: 42 } })));
    const result = await client.request(echo);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REPLY', where: 'said' } });
  });

  it('abortAll fails requests in flight with the given code', async () => {
    const { client } = rig();
    const waiting = client.request(echo);
    client.abortAll('NOT_RUNNING', 'device rebooted');
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING', message: 'device rebooted' } });
  });
});
