/**
 * The 1,000-gateway scenario at another fleet size, written to a temporary file (the bench's
 * fleet table, the split-fleet services test):
 * the same order, steps and expectations, with the counts, the last license and the device IDs
 * (wider past 9,999: gw-00001) scaled to the fleet.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GATEWAYS_1000 = join(import.meta.dirname, '..', '..', '..', 'scenarios', 'fleet', 'gateways-1000.yaml');

export function gatewaysScenario(count: number): string {
  if (count === 1000) return GATEWAYS_1000;
  const id = (n: number): string => `gw-${String(n).padStart(Math.max(3, String(count).length), '0')}`;
  const text = readFileSync(GATEWAYS_1000, 'utf8')
    .replace(/1,000 gateways/g, `${count.toLocaleString('en')} gateways`)
    .replace(/count: 1000\b/g, `count: ${count}`)
    .replace(/quantity: 1000\b/g, `quantity: ${count}`)
    .replace(/rollout\.2000\b/g, `rollout.${2 * count}`)
    .replace(/gw-1000\b/g, id(count))
    .replace(/gw-0001\b/g, id(1))
    .replace(/"gw-00\*"/g, `"${id(1).slice(0, -1)}*"`);
  const file = join(mkdtempSync(join(tmpdir(), 'fleetrig-bench-')), `gateways-${count}.yaml`);
  writeFileSync(file, text);
  return file;
}
