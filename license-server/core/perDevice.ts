import type { Random } from '../../emulator/random/Random.ts';

const streams = new WeakMap<Random, Map<string, Random>>();

/**
 * One device's own stream of `random`. What the server draws in answer to a device (a license
 * file's nonce, its test license's ID) then depends on that device's requests alone, not on how
 * many other devices asked before it: the same in one process as in a fleet split across many
 * processes sharing one store, where a stream drawn in request order would hand two shards the
 * same IDs.
 */
export function perDevice(random: Random, hardwareId: string): Random {
  let byDevice = streams.get(random);
  if (byDevice === undefined) streams.set(random, (byDevice = new Map()));
  let stream = byDevice.get(hardwareId);
  if (stream === undefined) byDevice.set(hardwareId, (stream = random.fork(`device:${hardwareId}`)));
  return stream;
}
