import { devices } from '../../scenario/fields.ts';
import { defineStep, type StepKind } from '../StepKind.ts';
import type { DeviceHandle } from '../../runner/World.ts';
import { certificateFault } from './certificateFault.ts';
import { clockSkew } from './clockSkew.ts';
import { replayRequest } from './replayRequest.ts';

/**
 * Hardware and network faults, one step kind each, all taking a device selector:
 * `- reset: gw-001`, `- powerCut: gw-*`, `- powerOn: gw-*`, `- linkDown: gw-002`, `- linkUp: gw-002`.
 */
function fault(kind: string, summary: string, act: (device: DeviceHandle) => void): StepKind<string | string[]> {
  return defineStep({
    kind,
    summary,
    args: devices,
    async run(world, selector) {
      const chosen = world.select(selector);
      if (!chosen.ok) return chosen;
      for (const device of chosen.value) {
        world.record('fault', kind, device.id);
        act(device);
      }
      return { ok: true, value: chosen.value.length };
    },
  });
}

export const faults = [
  fault('reset', 'Pull the reset line: the device reboots, RAM is lost, NVRAM kept.', (d) => d.board.reset()),
  fault('powerCut', 'Cut the power: the device goes off at once, even mid-write.', (d) => d.board.power.cut()),
  fault('powerOn', 'Restore the power: the device boots from NVRAM.', (d) => d.board.power.restore()),
  fault('linkDown', "Cut the device's network link; frames sent meanwhile are lost.", (d) => d.setLinkUp(false)),
  fault('linkUp', "Restore the device's network link.", (d) => d.setLinkUp(true)),
  clockSkew,
  certificateFault,
  replayRequest,
];
