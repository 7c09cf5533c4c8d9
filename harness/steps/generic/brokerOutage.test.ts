import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { runFiles } from '../../runner/runFiles.ts';
import type { TransportMode } from '../../transport/chooseTransport.ts';

const BUNDLED = join(import.meta.dirname, '..', '..', '..', 'scenarios', 'gateway', 'broker-outage.yaml');

/** One scenario file of `steps` on one gateway with a bound license, in a temporary folder. */
function scenario(steps: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fleetrig-outage-')), 'outage.yaml');
  writeFileSync(file, `name: "[GW-6] outage"\nfleet:\n  - family: gateway\nportal:\n  orders:\n    - id: o1\n      items: [{ feature: Mobility, count: 2 }]\nsteps:\n  - order.activate: { order: o1 }\n  - gateway.portal.bind: { license: o1.1, devices: gw-001 }\n${steps}`);
  return file;
}

async function run(file: string, transport: TransportMode) {
  const [result] = unwrap(await runFiles({ paths: [file], seed: 3, transport, reporters: [] })).files[0]!.scenarios;
  return result!;
}

describe('the brokerDown and brokerUp faults', () => {
  it.each(['stream', 'tcp'] as const)('[GW-6] the bundled broker-outage scenario passes on the %s transport: every device comes back and reaches the portal', async (transport) => {
    const result = await run(BUNDLED, transport);
    expect(result).toMatchObject({ status: 'passed' });
    expect(result.trace.filter((e) => e.kind === 'fault' && e.text.startsWith('broker')).map((e) => e.text)).toEqual(['brokerDown', 'brokerUp', 'brokerDown', 'brokerUp']);
  });

  it('[GW-6] while the broker is down a device cannot reach the portal (LINK_DOWN), and can once it is up', async () => {
    const result = await run(scenario([
      '  - brokerDown: {}',
      '  - gateway.download: { devices: gw-001, expectError: LINK_DOWN }',
      '  - brokerUp: {}',
      '  - gateway.download: { devices: gw-001 }',
      '  - expect: { devices: gw-001, installed: { Mobility: 2 } }',
    ].join('\n')), 'stream');
    expect(result.failure?.message).toBeUndefined();
    expect(result.status).toBe('passed');
    // The link reports down only once the outage has lasted 5 s of wall time (DEFAULT_RECONNECT_POLICY).
  }, 30_000);

  it('fails NO_BROKER, naming the step, on in-memory wires', async () => {
    const result = await run(scenario('  - brokerDown: {}\n'), 'memory');
    expect(result).toMatchObject({ status: 'failed', failure: { message: expect.stringContaining('brokerDown: this run has no MQTT broker to lose') } });
  });
});
