import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { splitTime } from './splitTime.ts';
import { memoryFleet } from './testing/memoryFleet.ts';

/** Two shards' clocks on one barrier, and a log of what fired where, with both clocks' readings. */
function twoShards() {
  const clocks = [new VirtualClock({ start: 0 }), new VirtualClock({ start: 0 })] as const;
  const syncs = memoryFleet(2);
  const times = clocks.map((clock, i) => splitTime(clock, syncs[i]!));
  const log: string[] = [];
  const at = (shard: 0 | 1, ms: number, what: string, then?: () => void): void => {
    clocks[shard].setTimeout(() => {
      log.push(`${what} at ${clocks[shard].now()} (clocks ${clocks[0].now()}, ${clocks[1].now()})`);
      then?.();
    }, ms);
  };
  return { clocks, times, log, at };
}

describe('split virtual time', () => {
  it('fires every shard\'s timers in the fleet\'s one order, no clock ahead of the instant being run', async () => {
    const { clocks, times, log, at } = twoShards();
    at(0, 10, 'A1');
    at(1, 20, 'B1');
    at(0, 30, 'A2');
    at(1, 30, 'B2');
    await Promise.all(times.map((t) => t.advance(40)));
    expect(log.map((line) => line.split(' (')[0])).toEqual(['A1 at 10', 'B1 at 20', 'A2 at 30', 'B2 at 30']);
    // The other shard's clock may still be behind the instant a timer runs at, never past it.
    for (const line of log) {
      const [, at, a, b] = /at (\d+) \(clocks (\d+), (\d+)\)/.exec(line)!.map(Number);
      expect(Math.max(a!, b!), line).toBe(at);
    }
    expect(clocks.map((c) => c.now())).toEqual([40, 40]);
  });

  it('lets what one shard did at an instant be seen by another at a later one', async () => {
    const { times, at } = twoShards();
    const store = { written: 'nothing' };
    let read = '';
    at(1, 20, 'write', () => (store.written = 'B at 20'));
    at(0, 21, 'read', () => (read = store.written));
    await Promise.all(times.map((t) => t.advance(60_000)));
    expect(read).toBe('B at 20');
  });

  it('ends an advanceUntil when the condition holds on every shard, at the same instant on each', async () => {
    const { clocks, times, at } = twoShards();
    const done = [false, false];
    at(0, 10, 'A ready', () => (done[0] = true));
    at(1, 25, 'B ready', () => (done[1] = true));
    at(0, 50, 'later');
    const held = await Promise.all(times.map((t, i) => t.advanceUntil(() => done[i]!, 1000)));
    expect(held).toEqual([true, true]);
    expect(clocks.map((c) => c.now())).toEqual([25, 25]);
  });

  it('stops an advanceUntil at its limit on every shard when one shard never gets there', async () => {
    const { clocks, times, at } = twoShards();
    at(0, 10, 'A ready', () => (aReady = true));
    let aReady = false;
    const held = await Promise.all([times[0]!.advanceUntil(() => aReady, 100), times[1]!.advanceUntil(() => false, 100)]);
    // Each shard says how its own part stands; the step fails where the part did not get there.
    expect(held).toEqual([true, false]);
    expect(clocks.map((c) => c.now())).toEqual([100, 100]);
  });
});
