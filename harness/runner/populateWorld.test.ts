import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../catalogue.ts';
import { parseScenarios } from '../scenario/parseScenarios.ts';
import { createMemoryTransport } from '../transport/memoryTransport.ts';
import { runScenario } from './runScenario.ts';

const catalogue = createCatalogue();
const FLEET = `
name: ten gateways
fleet: [{ family: gateway, count: 10 }]
steps:
  - expect: { devices: "*", state: running }
`;

describe('addFleet', () => {
  it('connects the devices many at a time, and still builds and boots them in fleet order', async () => {
    const [scenario] = parseScenarios(FLEET, 'ten.yaml', catalogue).scenarios;
    const events: string[] = [];
    const result = await runScenario(scenario!, {
      seed: 1, realtime: false, catalogue,
      transport: async (world) => {
        const memory = createMemoryTransport({ server: world.server, clock: world.clock });
        return {
          ...memory,
          attach: async (id, options) => {
            events.push(`start ${id}`);
            const wire = await memory.attach(id, options);
            events.push(`end ${id}`);
            return wire;
          },
        };
      },
    });
    expect(result.status).toBe('passed');
    // Every attach began before the first one finished.
    expect(events.slice(0, 10).every((e) => e.startsWith('start'))).toBe(true);
    const ids = Array.from({ length: 10 }, (_, i) => `gw-${String(i + 1).padStart(3, '0')}`);
    const firstStateChange = [...new Set(result.trace.filter((e) => e.kind === 'state').map((e) => e.device))];
    expect(firstStateChange).toEqual(ids);
  });

  it('fails the scenario with one line naming the device and the descriptor limit when a device cannot connect, and closes what did', async () => {
    const [scenario] = parseScenarios(FLEET, 'ten.yaml', catalogue).scenarios;
    let closed = false;
    const result = await runScenario(scenario!, {
      seed: 1, realtime: false, catalogue,
      transport: async (world) => {
        const memory = createMemoryTransport({ server: world.server, clock: world.clock });
        let n = 0;
        return {
          ...memory,
          attach: async (id, options) => {
            if (++n === 5) throw Object.assign(new Error(`connect EMFILE 127.0.0.1:1883`), { code: 'EMFILE' });
            return memory.attach(id, options);
          },
          close: async () => {
            closed = true;
            await memory.close();
          },
        };
      },
    });
    expect(result.status).toBe('failed');
    expect(result.failure?.message).toMatch(/^device gw-005 could not connect \(9 of the 10 had connected\): the process ran out of file descriptors(: its limit, ulimit -n, is \d+)? \(connect EMFILE 127.0.0.1:1883\); each device on the tcp transport holds two, so raise the limit, or use the stream or memory transport$/);
    expect(result.failure?.message).not.toContain('\n');
    expect(closed).toBe(true);
  });
});
