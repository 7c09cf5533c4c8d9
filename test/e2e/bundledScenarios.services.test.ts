import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runFiles } from '../../harness/runner/runFiles.ts';
import { unwrap } from '../../protocol/result.ts';
import { MOSQUITTO_URL, requireMosquitto } from '../../broker/testing/requireMosquitto.ts';

/** Every bundled scenario, the 1,000-gateway fleet included, through the machine's Mosquitto. */

const ROOT = join(import.meta.dirname, '..', '..');


describe(`bundled scenarios through ${MOSQUITTO_URL}`, () => {
  beforeAll(requireMosquitto);

  it('all pass with --broker', async () => {
    const run = unwrap(await runFiles({ paths: [join(ROOT, 'scenarios')], seed: 4, brokerUrl: MOSQUITTO_URL, reporters: [] }));
    const failures = run.files.flatMap((f) => f.scenarios).filter((s) => s.status !== 'passed');
    expect(failures.map((s) => `${s.file} › ${s.name}: ${s.failure?.message}`)).toEqual([]);
    expect(run.passed).toBeGreaterThanOrEqual(9);
  }, 600_000);
});
