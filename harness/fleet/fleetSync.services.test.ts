import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MOSQUITTO_URL, requireMosquitto } from '../../broker/testing/requireMosquitto.ts';
import { fleetTopic, joinFleet, type FleetSyncOptions } from './fleetSync.ts';

const RUN_TS = join(import.meta.dirname, '..', '..', 'bin', 'run-ts.js');
const JOIN_AND_WAIT = join(import.meta.dirname, 'testing', 'joinAndWait.ts');

// Fleet IDs need only be unique between runs on the one broker, not reproducible.
const freshFleet = (): string => `sync-${randomBytes(4).toString('hex')}`;
const options = (fleetId: string, index: number, total: number, digest = 'same'): FleetSyncOptions => ({
  url: MOSQUITTO_URL, username: 'license-server', password: 'unused', fleetId, shard: { index, total }, digest,
});

describe(`the split fleet's barrier on ${MOSQUITTO_URL}`, () => {
  beforeAll(requireMosquitto);

  it('passes each barrier once every shard has reported, with every report in shard order', async () => {
    const fleetId = freshFleet();
    const shards = await Promise.all([1, 2, 3].map((i) => joinFleet(options(fleetId, i, 3))));
    // Reported out of order, and twice in a row: the n-th meet of each shard is the n-th barrier.
    const first = await Promise.all([shards[2]!.meet({ n: 3 }), shards[0]!.meet({ n: 1 }), shards[1]!.meet({ n: 2 })]);
    expect(first).toEqual([[{ n: 1 }, { n: 2 }, { n: 3 }], [{ n: 1 }, { n: 2 }, { n: 3 }], [{ n: 1 }, { n: 2 }, { n: 3 }]]);
    const second = await Promise.all(shards.map((s, i) => s.meet({ again: i })));
    expect(second[0]).toEqual([{ again: 0 }, { again: 1 }, { again: 2 }]);
    await Promise.all(shards.map((s) => s.close()));
  });

  it('passes over stray payloads on its topics, published by mosquitto_pub, and meets as before', async () => {
    const fleetId = freshFleet();
    const shards = await Promise.all([1, 2].map((i) => joinFleet(options(fleetId, i, 2))));
    for (const leaf of ['hello', 'sync', 'gone'] as const) {
      for (const payload of ['not json', 'null', '42', '[]', '{"shard":"x","phase":1}', '{"shard":9,"phase":1,"report":{}}']) {
        execFileSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', '1883', '-q', '1', '-t', fleetTopic(fleetId, leaf), '-m', payload]);
      }
    }
    expect(await Promise.all(shards.map((s, i) => s.meet(i)))).toEqual([[0, 1], [0, 1]]);
    await Promise.all(shards.map((s) => s.close()));
  });

  it('names the shard that did not join within the time given', async () => {
    await expect(joinFleet({ ...options(freshFleet(), 1, 2), joinTimeoutMs: 600 })).rejects.toThrow(/: shard 2\/2 did not join within 1 s at mqtt:\/\/127\.0\.0\.1:1883; start every shard with the same --broker and --fleet-id$/);
  });

  it('refuses a shard that runs other scenarios or another seed, naming it', async () => {
    const fleetId = freshFleet();
    const joined = await Promise.allSettled([joinFleet({ ...options(fleetId, 1, 2), joinTimeoutMs: 5000 }), joinFleet({ ...options(fleetId, 2, 2, 'other'), joinTimeoutMs: 5000 })]);
    expect(joined[0]).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/^shard 2\/2 runs other scenarios, another seed or another shard count than shard 1\/2;/) } });
  });

  it('fails the barrier a shard will never reach when its process dies, naming it', async () => {
    const fleetId = freshFleet();
    // Shard 2 is a process of its own that joins, then is killed before its first report.
    const shard2 = spawn(process.execPath, [RUN_TS, JOIN_AND_WAIT, JSON.stringify(options(fleetId, 2, 2))], { stdio: ['ignore', 'pipe', 'inherit'] });
    const first = await joinFleet(options(fleetId, 1, 2));
    await new Promise<void>((resolve) => shard2.stdout.once('data', () => resolve()));
    const barrier = first.meet({});
    shard2.kill('SIGKILL');
    await expect(barrier).rejects.toThrow(/^shard 2\/2 left the run before the fleet finished$/);
    await first.close();
  });

  it('uses topics under the fleet ID, which the service ACL opens', () => {
    expect(fleetTopic('nightly-1', 'sync')).toBe('fleetrig/v1/fleet/nightly-1/sync');
  });
});
