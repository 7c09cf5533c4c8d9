import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFiles } from '../../runner/runFiles.ts';

/** Runs one inline scenario in process; returns its failure message, or 'passed'. */
async function run(yaml: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'fleetrig-ss-')), 'scenario.yaml');
  writeFileSync(file, yaml);
  const result = await runFiles({ paths: [file], seed: 3, reporters: [], transport: 'memory' });
  if (!result.ok) return `invalid: ${result.error.message} ${JSON.stringify(result.error)}`;
  const scenario = result.value.files[0]!.scenarios[0]!;
  return scenario.status === 'passed' ? 'passed' : scenario.failure!.message;
}

const partnerOrder = `
portal:
  orders:
    - id: o1
      account: partner
      items:
        - { feature: SS-CAPACITY, count: 10, quantity: 2 }
`;

describe('smartserver family in scenarios', () => {
  it('[SS-6] names the cloud counts that differ, and the transfer refused while an activation is under way', async () => {
    const message = await run(`name: t
fleet: [{ family: smartserver, count: 2 }]
${partnerOrder}
steps:
  - order.activate: { order: o1 }
  - smartserver.portal.createCustomer: { partner: partner, name: Tower }
  - smartserver.portal.assign: { customer: Tower, licenses: [o1.1, o1.2] }
  - smartserver.customerId: { devices: "*", customer: Tower }
  - smartserver.activate: { devices: ss-001, licenses: [o1.1], wait: false }
  - smartserver.transfer: { devices: ss-001, confirm: true, expectError: ACTIVATION_IN_PROGRESS }
  - smartserver.portal.expect: { customer: Tower, inCloud: 1, activated: 1, boundTo: { o1.1: ss-001, o1.2: null } }
  - wait: { devices: ss-001, activation: idle, within: 3m }
  - smartserver.portal.expect: { customer: Tower, servers: { ss-001: 1, ss-002: 1 } }
`);
    expect(message).toBe('customer Tower in the cloud: expected servers.ss-002 to be 1, found 0');
  });

  it('[SS-5] refuses SmartServer steps on another family, unknown customers and plans naming several servers', async () => {
    const mixed = (step: string) => run(`name: t
fleet: [{ family: smartserver, count: 2 }, { family: gateway }]
${partnerOrder}
steps:
  - order.activate: { order: o1 }
  - ${step}
`);
    expect(await mixed('smartserver.download: { devices: gw-001 }')).toContain('gw-001 is a gateway, not a SmartServer');
    expect(await mixed('smartserver.customerId: { devices: ss-001, customer: Nobody }')).toContain("no customer named 'Nobody'");
    expect(await mixed('smartserver.activate: { plan: { "ss-*": [o1.1] } }')).toContain("plan entry 'ss-*' must name one server");
    expect(await mixed('smartserver.activate: { devices: ss-001, licenses: [o1.9] }')).toContain('order \'o1\' has 2 licenses; there is no license 9');
    expect(await mixed('smartserver.activate: { devices: ss-001, licenses: all }')).toContain('no Customer ID is saved');
  });

  it('[SS-5] refuses a step that gives both a plan and devices, before anything runs', async () => {
    const message = await run(`name: t
fleet: [{ family: smartserver }]
steps:
  - smartserver.activate: { devices: ss-001, licenses: all, plan: { ss-001: all } }
`);
    expect(message).toMatch(/^invalid: .*give either devices and licenses, or a plan/);
  });

  it('[SS-1] builds servers on the firmware a fleet variant names', async () => {
    expect(await run(`name: t
fleet: [{ family: smartserver, variant: v3-3 }, { family: smartserver, variant: v3-2, prefix: old }]
steps:
  - expect: { devices: ss-001, firmware: "3.3", licensingRequired: true }
  - expect: { devices: old-001, firmware: "3.2", licensingRequired: false }
`)).toBe('passed');
  });
});
