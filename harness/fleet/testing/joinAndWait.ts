/**
 * A shard that joins a fleet, says `joined`, and then waits for ever: a test kills it to see what
 * the other shards make of a shard that dies. `node bin/run-ts.js THIS '<FleetSyncOptions JSON>'`.
 */
import { joinFleet } from '../fleetSync.ts';
import { every } from '../../../emulator/clock/Clock.ts';
import { WallClock } from '../../../emulator/clock/wallClock.ts';

await joinFleet(JSON.parse(process.argv[2]!));
process.stdout.write('joined\n');
every(new WallClock({ keepAlive: true }), 60_000, () => {});
