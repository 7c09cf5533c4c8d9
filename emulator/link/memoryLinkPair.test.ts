import { describe, it, expect } from 'vitest';
import { createMemoryLinkPair } from './memoryLinkPair.ts';
import { settle } from '../clock/settle.ts';
import { VirtualClock } from '../clock/VirtualClock.ts';

describe('createMemoryLinkPair', () => {
  it('delivers later, never inside send, and in the order sent', async () => {
    const { a, b } = createMemoryLinkPair();
    const got: string[] = [];
    b.onFrame((frame) => got.push(frame));
    a.send('1');
    a.send('2');
    a.send('3');
    expect(got).toEqual([]);
    await settle();
    expect(got).toEqual(['1', '2', '3']);
  });

  it('carries frames both ways, each to the other end only', async () => {
    const { a, b } = createMemoryLinkPair();
    const atA: string[] = [];
    const atB: string[] = [];
    a.onFrame((frame) => atA.push(frame));
    b.onFrame((frame) => atB.push(frame));
    a.send('ping');
    b.send('pong');
    await settle();
    expect(atB).toEqual(['ping']);
    expect(atA).toEqual(['pong']);
  });

  it('lets a receiver reply from inside its handler', async () => {
    const { a, b } = createMemoryLinkPair();
    const atA: string[] = [];
    a.onFrame((frame) => atA.push(frame));
    b.onFrame((frame) => b.send(`re:${frame}`));
    a.send('hello');
    await settle();
    expect(atA).toEqual(['re:hello']);
  });

  it('stops delivering to a handler once unsubscribed', async () => {
    const { a, b } = createMemoryLinkPair();
    const got: string[] = [];
    const stop = b.onFrame((frame) => got.push(frame));
    a.send('1');
    await settle();
    stop();
    a.send('2');
    await settle();
    expect(got).toEqual(['1']);
  });

  it('drops and counts frames sent while the wire is cut, and frames in flight when it is cut', async () => {
    const pair = createMemoryLinkPair();
    const got: string[] = [];
    pair.b.onFrame((frame) => got.push(frame));
    pair.a.send('in flight');
    pair.setUp(false);
    pair.a.send('while down');
    pair.b.send('other way');
    await settle();
    expect(got).toEqual([]);
    expect(pair.dropped()).toBe(3);
    pair.setUp(true);
    pair.a.send('after');
    await settle();
    expect(got).toEqual(['after']);
    expect(pair.dropped()).toBe(3);
  });

  it('reports link status to both ends, on transitions only', () => {
    const pair = createMemoryLinkPair();
    const atA: boolean[] = [];
    const atB: boolean[] = [];
    pair.a.onStatus((up) => atA.push(up));
    pair.b.onStatus((up) => atB.push(up));
    expect(pair.a.isUp()).toBe(true);
    pair.setUp(false);
    pair.setUp(false);
    expect(pair.a.isUp()).toBe(false);
    expect(pair.b.isUp()).toBe(false);
    pair.setUp(true);
    expect(atA).toEqual([false, true]);
    expect(atB).toEqual([false, true]);
  });

  it('gives each pair its own wire', async () => {
    const one = createMemoryLinkPair();
    const two = createMemoryLinkPair();
    const got: string[] = [];
    two.b.onFrame((frame) => got.push(frame));
    one.setUp(false);
    expect(two.a.isUp()).toBe(true);
    one.a.send('x');
    two.a.send('y');
    await settle();
    expect(got).toEqual(['y']);
    expect(two.dropped()).toBe(0);
  });

  it('hands each frame, as it is sent, to the delivery it was given: here the clock\'s, once the world is quiet', async () => {
    const clock = new VirtualClock();
    let sent = 0;
    const pair = createMemoryLinkPair({ deliver: (fn) => clock.deliver(sent++, fn) });
    const got: string[] = [];
    pair.b.onFrame((frame) => got.push(frame));
    const hold = clock.hold({ what: () => 'some other frame' });
    pair.a.send('1');
    pair.a.send('2');
    await settle();
    expect(got).toEqual([]);
    hold.release();
    await clock.quiesce();
    expect(got).toEqual(['1', '2']);
  });
});
