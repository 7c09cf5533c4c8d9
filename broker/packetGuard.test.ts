import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../emulator/clock/VirtualClock.ts';
import { createPacketGuard, MAX_PACKET_BYTES } from './packetGuard.ts';
import { MAX_FRAME_BYTES } from '../protocol/messages/envelope.ts';
import { fixedHeader as header } from './testing/mqttBytes.ts';

function guarded(maxPacketBytes?: number) {
  const timers = new VirtualClock();
  const refusals: string[] = [];
  const guard = createPacketGuard({ timers, partialPacketMs: 10_000, refuse: (reason) => refusals.push(reason), ...(maxPacketBytes === undefined ? {} : { maxPacketBytes }) });
  return { guard, timers, refusals };
}

describe('the packet guard', () => {
  it('lets a link frame of MAX_FRAME_BYTES through with its topic, however the bytes are split', () => {
    const { guard, refusals } = guarded();
    const publish = Buffer.concat([header(0x32, MAX_FRAME_BYTES + 60), Buffer.alloc(MAX_FRAME_BYTES + 60), header(0xc0, 0), header(0x32, 5), Buffer.alloc(5)]);
    for (let at = 0; at < publish.length; at += 7) guard.watch(publish.subarray(at, at + 7));
    expect(refusals).toEqual([]);
  });

  it('refuses a packet announcing more than the limit from its header alone (255 MB CONNECT)', () => {
    const { guard, refusals } = guarded();
    guard.watch(header(0x10, 255 * 1024 * 1024).subarray(0, 3));
    guard.watch(header(0x10, 255 * 1024 * 1024).subarray(3));
    expect(refusals).toEqual([`packet of ${1 + 4 + 255 * 1024 * 1024} bytes announced; at most ${MAX_PACKET_BYTES} are read`]);
  });

  it('refuses a Remaining Length of more than four bytes', () => {
    const { guard, refusals } = guarded(Number.MAX_SAFE_INTEGER);
    guard.watch(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]));
    expect(refusals).toEqual(['malformed Remaining Length: more than 4 bytes [MQTT-2.2.3]']);
  });

  it('drops a packet left incomplete by a client that went quiet, and not one that completes in time', async () => {
    const quiet = guarded();
    quiet.guard.watch(Buffer.concat([header(0x30, 1000), Buffer.alloc(10)]));
    await quiet.timers.advance(9_999);
    expect(quiet.refusals).toEqual([]);
    await quiet.timers.advance(1);
    expect(quiet.refusals).toEqual(['a packet stayed incomplete for 10000 ms']);

    const slow = guarded();
    slow.guard.watch(Buffer.concat([header(0x30, 1000), Buffer.alloc(10)]));
    await slow.timers.advance(9_000);
    slow.guard.watch(Buffer.alloc(990));
    await slow.timers.advance(60_000);
    expect(slow.refusals).toEqual([]);
  });

  it('refuses once, and reads nothing after', () => {
    const { guard, refusals } = guarded(100);
    guard.watch(Buffer.concat([header(0x30, 200), header(0x30, 300)]));
    guard.watch(header(0x30, 400));
    expect(refusals).toHaveLength(1);
  });
});
