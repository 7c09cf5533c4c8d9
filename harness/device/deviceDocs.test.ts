import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { unwrap } from '../../protocol/result.ts';
import { describeSeededPortal } from './describeSeededPortal.ts';
import { runDevice, type RunningDevice } from './runDevice.ts';

/** What docs/firmware-developers.md shows `fleetrig device` printing stays what it prints. */
describe('docs/firmware-developers.md on fleetrig device', () => {
  const running: RunningDevice[] = [];
  afterEach(async () => {
    for (const device of running.splice(0)) await device.close();
  });

  it('shows the seeded block that `fleetrig device gateway --seed 42` prints, line for line', async () => {
    const doc = readFileSync('docs/firmware-developers.md', 'utf8');
    const block = /<!-- seeded-banner:start -->\s*```\n([\s\S]*?)```\s*<!-- seeded-banner:end -->/.exec(doc)?.[1];
    expect(block, 'the seeded-banner block').toBeDefined();
    const [banner, ...seeded] = block!.split('\n');
    expect(banner).toMatch(/^fleetrig device: gw-001 \(gateway\) on \/dev\/pts\/\d+, 115200 8N1; seed 42; license server in process \(memory link\)\. Stop with Ctrl-C\.$/);
    const device = unwrap(await runDevice({ family: 'gateway', serial: { kind: 'tcp', port: 0 }, seed: 42, clock: new VirtualClock() }));
    running.push(device);
    expect(seeded.join('\n')).toBe(describeSeededPortal(device.portal!, device.deviceId));
  });
});
