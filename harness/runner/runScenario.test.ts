import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLossyBroker, type LossyBroker } from '../../broker/testing/lossyBroker.ts';
import { unwrap } from '../../protocol/result.ts';
import { runFiles } from './runFiles.ts';

const TEST_LICENSE = join(import.meta.dirname, '..', '..', 'scenarios', 'gateway', 'test-license.yaml');

describe('runScenario over a real socket', () => {
  let broker: LossyBroker | undefined;
  afterEach(async () => {
    await broker?.close();
    broker = undefined;
  });

  it('fails the scenario when a frame overruns the I/O limit, naming the frame, the wait and the flag', async () => {
    broker = await startLossyBroker();
    const run = unwrap(await runFiles({ paths: [TEST_LICENSE], seed: 3, brokerUrl: broker.url, ioTimeoutMs: 100, reporters: [] }));
    const [result] = run.files[0]!.scenarios;
    expect(result).toMatchObject({ status: 'failed', failure: { path: 'steps[0]', stepKind: 'gateway.testLicense' } });
    expect(result!.failure!.message).toMatch(
      /^request gateway\.testLicense #[0-9a-f]{16} from gw-001 to the license server \(fleetrig\/v1\/dev\/gw-001\/req\) was in flight for \d+ ms of wall time, past the I\/O limit of 100 ms; raise the limit with --io-timeout <ms>$/,
    );
    // Time stopped where the frame was lost: the device's 30 s reply timeout never fired.
    expect(result!.trace.filter((e) => e.kind === 'message').map((e) => e.text)).toEqual([expect.stringMatching(/^→ gateway\.testLicense #/)]);
    expect(result!.trace).toContainEqual({ t: 30_000, kind: 'expect', text: `failed: ${result!.failure!.message}` });
  });
});
