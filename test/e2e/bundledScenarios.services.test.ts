import { connect } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runFiles } from '../../harness/runner/runFiles.ts';
import { unwrap } from '../../protocol/result.ts';

/** Every bundled scenario, the 1,000-gateway fleet included, through the machine's Mosquitto. */
const BROKER = 'mqtt://127.0.0.1:1883';
const ROOT = join(import.meta.dirname, '..', '..');

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

describe(`bundled scenarios through ${BROKER}`, () => {
  beforeAll(async () => {
    if (!(await reachable(1883))) throw new Error('Mosquitto not reachable at 127.0.0.1:1883: start it with `mosquitto -d -c /etc/mosquitto/mosquitto.conf`');
  });

  it('all pass with --broker', async () => {
    const run = unwrap(await runFiles({ paths: [join(ROOT, 'scenarios')], seed: 4, brokerUrl: BROKER, reporters: [] }));
    const failures = run.files.flatMap((f) => f.scenarios).filter((s) => s.status !== 'passed');
    expect(failures.map((s) => `${s.file} › ${s.name}: ${s.failure?.message}`)).toEqual([]);
    expect(run.passed).toBeGreaterThanOrEqual(9);
  }, 600_000);
});
