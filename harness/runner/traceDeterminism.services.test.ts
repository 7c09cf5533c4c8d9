import { beforeAll, describe, expect, it } from 'vitest';
import { MOSQUITTO_URL, requireMosquitto } from '../../broker/testing/requireMosquitto.ts';
import { sameInstantTrace } from './testing/sameInstantTrace.ts';

describe(`the JSON trace of a seed through ${MOSQUITTO_URL}`, () => {
  beforeAll(requireMosquitto);

  it('is byte-identical run after run, whatever order the broker delivered in, and the same as in process', async () => {
    const [first, second] = [await sameInstantTrace({ brokerUrl: MOSQUITTO_URL }), await sameInstantTrace({ brokerUrl: MOSQUITTO_URL })];
    expect(second).toBe(first);
    expect(first).toBe(await sameInstantTrace({ transport: 'memory' }));
  }, 120_000);
});
