import { describe, it, expect } from 'vitest';
import { VirtualClock, VIRTUAL_EPOCH } from './VirtualClock.ts';
import { every, sleep } from './Clock.ts';
import { HOUR } from './duration.ts';
import { ClockHaltedError } from './ClockHalt.ts';
import { settle } from './settle.ts';

/** Resolves after `turns` turns of the event loop's check phase: slow, yet no timer involved. */
function slowWork<T>(value: T, turns: number): Promise<T> {
  return new Promise((resolve) => {
    const turn = (left: number): void => {
      if (left === 0) resolve(value);
      else setImmediate(() => turn(left - 1));
    };
    turn(turns);
  });
}

describe('VirtualClock', () => {
  it('starts at the fixed virtual epoch, or where asked', () => {
    expect(new VirtualClock().now()).toBe(VIRTUAL_EPOCH);
    expect(new VirtualClock({ start: 42 }).now()).toBe(42);
  });

  it('runs timers in deadline order, ties in the order they were set', async () => {
    const clock = new VirtualClock({ start: 0 });
    const ran: string[] = [];
    clock.setTimeout(() => ran.push('c@30'), 30);
    clock.setTimeout(() => ran.push('a@10'), 10);
    clock.setTimeout(() => ran.push('b1@20'), 20);
    clock.setTimeout(() => ran.push('b2@20'), 20);
    clock.setTimeout(() => ran.push('z@0'), -5);
    await clock.advance(25);
    expect(ran).toEqual(['z@0', 'a@10', 'b1@20', 'b2@20']);
    expect(clock.now()).toBe(25);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('shows each timer the time it was due', async () => {
    const clock = new VirtualClock({ start: 0 });
    const seen: number[] = [];
    clock.setTimeout(() => seen.push(clock.now()), 10);
    clock.setTimeout(() => seen.push(clock.now()), 40);
    await clock.advance(100);
    expect(seen).toEqual([10, 40]);
  });

  it('jumps 8 hours at once', async () => {
    const clock = new VirtualClock();
    let fired = false;
    clock.setTimeout(() => (fired = true), 8 * HOUR);
    await clock.advance(8 * HOUR - 1);
    expect(fired).toBe(false);
    await clock.advance(1);
    expect(fired).toBe(true);
    expect(clock.now()).toBe(VIRTUAL_EPOCH + 8 * HOUR);
  });

  it('never runs a cleared timer, and forgets it', async () => {
    const clock = new VirtualClock({ start: 0 });
    const ran: string[] = [];
    const id = clock.setTimeout(() => ran.push('cleared'), 10);
    clock.setTimeout(() => ran.push('kept'), 10);
    clock.clearTimeout(id);
    clock.clearTimeout(id);
    clock.clearTimeout(9999);
    expect(clock.pendingTimers()).toBe(1);
    expect(clock.nextDeadline()).toBe(10);
    await clock.advance(20);
    expect(ran).toEqual(['kept']);
    expect(clock.nextDeadline()).toBeUndefined();
  });

  it('lets promise chains a timer starts settle before the next timer', async () => {
    const clock = new VirtualClock({ start: 0 });
    const ran: string[] = [];
    clock.setTimeout(() => {
      ran.push('first@10');
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => clock.setTimeout(() => ran.push(`chained@${clock.now()}`), 5));
    }, 10);
    clock.setTimeout(() => ran.push('second@20'), 20);
    await clock.advance(30);
    expect(ran).toEqual(['first@10', 'chained@15', 'second@20']);
  });

  it('holds time while tracked work is in flight, however many turns it takes', async () => {
    const clock = new VirtualClock({ start: 0 });
    const ran: string[] = [];
    clock.setTimeout(() => ran.push('late@100'), 100);
    void clock.track(slowWork('reply', 50)).then(() => {
      ran.push(`reply@${clock.now()}`);
      clock.setTimeout(() => ran.push(`retry@${clock.now()}`), 30);
    });
    await clock.advance(200);
    expect(ran).toEqual(['reply@0', 'retry@30', 'late@100']);
  });

  it('passes tracked work through, failures included', async () => {
    const clock = new VirtualClock();
    await expect(clock.track(slowWork(7, 3))).resolves.toBe(7);
    await expect(clock.track(Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    await clock.advance(10);
  });

  it('advances until a condition holds, stopping at the timer that made it hold', async () => {
    const clock = new VirtualClock({ start: 0 });
    let ticks = 0;
    every(clock, 1_000, () => ticks++);
    expect(await clock.advanceUntil(() => ticks === 3, 10_000)).toBe(true);
    expect(clock.now()).toBe(3_000);
  });

  it('gives up at the limit when the condition never holds', async () => {
    const clock = new VirtualClock({ start: 0 });
    let ticks = 0;
    const stop = every(clock, 1_000, () => ticks++);
    expect(await clock.advanceUntil(() => false, 4_500)).toBe(false);
    expect(clock.now()).toBe(4_500);
    expect(ticks).toBe(4);
    stop();
    expect(await clock.advanceUntil(() => false, 1_000)).toBe(false);
    expect(clock.now()).toBe(5_500);
  });

  it('returns at once when the condition already holds', async () => {
    const clock = new VirtualClock({ start: 0 });
    expect(await clock.advanceUntil(() => true, 1_000)).toBe(true);
    expect(clock.now()).toBe(0);
  });

  it('wakes sleepers and repeats `every` on virtual time', async () => {
    const clock = new VirtualClock({ start: 0 });
    const woke: number[] = [];
    void sleep(clock, 500).then(() => woke.push(clock.now()));
    const ticks: number[] = [];
    const stop = every(clock, 200, () => ticks.push(clock.now()));
    await clock.advance(700);
    stop();
    await clock.advance(1_000);
    expect(woke).toEqual([500]);
    expect(ticks).toEqual([200, 400, 600]);
  });

  it('never moves backwards', async () => {
    const clock = new VirtualClock({ start: 1_000 });
    await clock.advanceTo(500);
    expect(clock.now()).toBe(1_000);
    await clock.advance(-10);
    expect(clock.now()).toBe(1_000);
  });
});

describe('VirtualClock and work in this process', () => {
  it('waits for a hold however many turns it takes, reading no wall clock, then jumps', async () => {
    const clock = new VirtualClock({ start: 0 });
    const ran: string[] = [];
    clock.setTimeout(() => ran.push(`timeout@${clock.now()}`), 30_000);
    const hold = clock.hold({ what: () => 'a frame' });
    void slowWork('arrived', 200).then((what) => {
      ran.push(`${what}@${clock.now()}`);
      hold.release();
    });
    await clock.advance(60_000);
    expect(ran).toEqual(['arrived@0', 'timeout@30000']);
    expect(clock.openHolds()).toBe(0);
  });

  it('treats a hold released twice as released once', async () => {
    const clock = new VirtualClock();
    const hold = clock.hold({ what: () => 'x' });
    const other = clock.hold({ what: () => 'y' });
    hold.release();
    hold.release();
    expect(clock.openHolds()).toBe(1);
    other.release();
    await clock.quiesce();
  });

  it('runs deliveries once nothing is held, in their order, ties in the order queued', async () => {
    const clock = new VirtualClock();
    const ran: string[] = [];
    const hold = clock.hold({ what: () => 'last frame' });
    clock.deliver(5, () => ran.push('5'));
    clock.deliver(2, () => ran.push('2a'));
    clock.deliver(2, () => ran.push('2b'));
    await settle(10);
    expect(ran).toEqual([]);
    hold.release();
    await clock.quiesce();
    expect(ran).toEqual(['2a', '2b', '5']);
  });

  it('runs deliveries by itself, with no advance or quiesce called', async () => {
    const clock = new VirtualClock();
    const delivered = new Promise<number>((resolve) => clock.deliver(1, () => resolve(clock.now())));
    expect(await delivered).toBe(clock.now());
  });

  it('puts what a delivery causes in a later batch, after the world settles again', async () => {
    const clock = new VirtualClock();
    const ran: string[] = [];
    clock.deliver(2, () => {
      ran.push('reply to 2');
      void Promise.resolve().then(() => clock.deliver(0, () => ran.push('caused by 2')));
    });
    clock.deliver(3, () => ran.push('reply to 3'));
    await clock.quiesce();
    expect(ran).toEqual(['reply to 2', 'reply to 3', 'caused by 2']);
  });
});

describe('VirtualClock and I/O with a wall-clock limit', () => {
  it('halts instead of jumping when a hold overruns its limit, naming what was in flight', async () => {
    const clock = new VirtualClock({ start: 0 });
    let timedOut = false;
    clock.setTimeout(() => (timedOut = true), 30_000);
    clock.hold({ what: () => 'gateway.download #ab12 from gw-001', limitMs: 20 });
    clock.hold({ what: () => 'another frame', limitMs: 20 });
    const failure = await clock.advance(60_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ClockHaltedError);
    expect(clock.halted()).toMatchObject({
      code: 'IO_TIMEOUT', what: 'gateway.download #ab12 from gw-001', limitMs: 20,
      message: expect.stringMatching(/^gateway\.download #ab12 from gw-001 was in flight for \d+ ms of wall time \(1 more still in flight\), past the I\/O limit of 20 ms$/),
    });
    expect(await clock.whenHalted()).toBe(clock.halted());
    expect([timedOut, clock.now(), clock.openHolds()]).toEqual([false, 0, 0]);
    await expect(clock.quiesce()).rejects.toThrow(ClockHaltedError);
  });

  it('lets a limited hold released in time pass without a trace', async () => {
    const clock = new VirtualClock({ start: 0 });
    const hold = clock.hold({ what: () => 'quick frame', limitMs: 1_000 });
    void slowWork(undefined, 5).then(() => hold.release());
    await clock.advance(10);
    expect([clock.halted(), clock.now()]).toEqual([undefined, 10]);
  });
});
