import { describe, expect, it } from 'vitest';
import { main } from '../cli.ts';
import { allPassed, fakeDeps, fakeIo } from '../fakeCli.fixture.ts';

const BROKER = ['--broker', 'mqtt://127.0.0.1:1883'];
const STORE = ['--store', 'postgres://postgres@127.0.0.1:5432/test'];

describe('fleetrig run --fleet-shard', () => {
  it('hands the part, the fleet ID (seed-<seed> unless given) and the store to the runner', async () => {
    const { deps, calls } = fakeDeps(allPassed);
    expect(await main(['run', 'big.yaml', '--fleet-shard', '2/3', '--seed', '7', ...BROKER, ...STORE], fakeIo().io, deps)).toBe(0);
    expect(await main(['run', 'big.yaml', '--fleet-shard', '1/3', '--seed', '7', '--fleet-id', 'nightly-1', ...BROKER, ...STORE], fakeIo().io, deps)).toBe(0);
    expect(calls.map((c) => c.fleetSplit)).toEqual([
      { shard: { index: 2, total: 3 }, fleetId: 'seed-7', storeUrl: 'postgres://postgres@127.0.0.1:5432/test' },
      { shard: { index: 1, total: 3 }, fleetId: 'nightly-1', storeUrl: 'postgres://postgres@127.0.0.1:5432/test' },
    ]);
    expect(calls.map((c) => c.workers)).toEqual([1, 1]);
  });

  it.each([
    [['--seed', '7', ...STORE], '--fleet-shard 1/2 needs --broker (where the parts meet)'],
    [['--seed', '7', ...BROKER], '--fleet-shard 1/2 needs --store (their one license store)'],
    [[...BROKER, ...STORE], '--fleet-shard 1/2 needs --seed (every part must draw the same fleet)'],
    [[], '--fleet-shard 1/2 needs --broker (where the parts meet), --store (their one license store), --seed (every part must draw the same fleet)'],
    [['--seed', '7', ...BROKER, ...STORE, '--realtime'], '--fleet-shard runs in virtual time: the parts keep in step instant by instant, which --realtime cannot'],
    [['--seed', '7', ...BROKER, ...STORE, '--shard', '1/2'], '--fleet-shard splits each fleet, --shard the files: give one of them'],
  ])('refuses %j with one line naming what is missing, exit 2, running nothing', async (flags, message) => {
    const t = fakeIo();
    const { deps, calls } = fakeDeps(allPassed);
    expect(await main(['run', 'big.yaml', '--fleet-shard', '1/2', ...flags], t.io, deps)).toBe(2);
    expect(t.stderr()).toBe(`fleetrig run: ${message}\n`);
    expect(calls).toHaveLength(0);
  });

  it.each([
    [['--fleet-shard', '3/2'], "option '--fleet-shard <i/n>' argument '3/2' is invalid. It must be i/n with 1 ≤ i ≤ n, e.g. --fleet-shard 1/2"],
    [['--fleet-shard', '1/2', '--fleet-id', 'Nightly'], "option '--fleet-id <name>' argument 'Nightly' is invalid. It must be 1 to 40 lower-case letters"],
    [['--fleet-shard', '1/2', '--store', 'fleet.db'], "option '--store <url>' argument 'fleet.db' is invalid. It must be a postgres://user@host:port/database URL"],
    [['--store', 'postgres://127.0.0.1/test'], '--store is the shared store of a split fleet: give it with --fleet-shard i/n'],
    [['--fleet-id', 'x'], '--fleet-id names a split fleet: give it with --fleet-shard i/n'],
  ])('rejects %j, naming the flag', async (flags, message) => {
    const t = fakeIo();
    expect(await main(['run', 'big.yaml', ...flags], t.io, fakeDeps().deps)).toBe(2);
    expect(t.stderr()).toContain(message);
  });
});
