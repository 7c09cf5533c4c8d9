import { z } from 'zod';
import { formatDuration } from '../../../emulator/clock/duration.ts';
import { fail, ok, type Result } from '../../../protocol/result.ts';
import { HarnessErrorCode } from '../../errorCodes.ts';
import { devices, duration } from '../../scenario/fields.ts';
import { defineStep, type StepKind } from '../StepKind.ts';
import type { DeviceHandle, World } from '../../runner/World.ts';
import type { BrokerOutage } from '../../transport/Transport.ts';
import { certificateFault } from './certificateFault.ts';
import { clockSkew } from './clockSkew.ts';
import { replayRequest } from './replayRequest.ts';

/**
 * Hardware and network faults, one step kind each, all taking a device selector:
 * `- reset: gw-001`, `- powerCut: gw-*`, `- powerOn: gw-*`, `- linkDown: gw-002`, `- linkUp: gw-002`;
 * and the embedded broker's outage, `- brokerDown: {}` … `- brokerUp: {}`.
 */
function fault(kind: string, summary: string, act: (device: DeviceHandle) => void): StepKind<string | string[]> {
  return defineStep({
    kind,
    summary,
    split: 'devices',
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
  brokerDown(),
  brokerUp(),
  clockSkew,
  certificateFault,
  replayRequest,
];

/** Wall time `brokerUp` waits for every client by default: a dozen backoff steps of 2 s, for a large fleet on 2 cores. */
const BROKER_BACK_WITHIN_MS = 30_000;

function outageOf(world: World, kind: string): Result<BrokerOutage> {
  return world.brokerOutage !== undefined ? ok(world.brokerOutage) : fail(HarnessErrorCode.NoBroker, `${kind}: this run has no MQTT broker to lose (in-memory wires, --transport memory); run it on the embedded broker (--transport stream or tcp) or with --broker`, kind);
}

/**
 * `- brokerDown: {}` — stops the embedded broker (an external one, which this process cannot
 * stop, is cut off from the rig's clients instead): every device and the license server lose
 * their connection and keep trying to reconnect (docs/protocol.md, *Losing the broker*). A device
 * that talks meanwhile waits, and sees LINK_DOWN once the outage has lasted 5 s of wall time.
 */
function brokerDown(): StepKind<Record<string, never> | null> {
  return defineStep({
    kind: 'brokerDown',
    split: 'devices',
    summary: 'Stop the embedded MQTT broker (cut the rig off an external one): every device and the license server lose their connection until brokerUp.',
    args: z.union([z.null(), z.object({}).strict()]),
    async run(world) {
      const outage = outageOf(world, 'brokerDown');
      if (!outage.ok) return outage;
      world.record('fault', 'brokerDown');
      await outage.value.down();
      return { ok: true, value: 'down' };
    },
  });
}

/**
 * `- brokerUp: {}` (or `{ within: 1m }`) — starts the embedded broker again, fresh (no sessions,
 * nothing retained), and waits until every device and the license server are connected and
 * subscribed again and the devices have republished their state; `within` is wall time.
 */
function brokerUp(): StepKind<{ within?: number | undefined } | null> {
  return defineStep({
    kind: 'brokerUp',
    split: 'devices',
    summary: 'Start the MQTT broker again (reconnect to an external one) and wait (wall time, `within`, 30s by default) until every device and the license server have reconnected.',
    args: z.union([z.null(), z.object({ within: duration.optional().describe('How long to wait, in wall time, for every device and the license server to reconnect. Default 30s.') }).strict()]),
    async run(world, args) {
      const outage = outageOf(world, 'brokerUp');
      if (!outage.ok) return outage;
      const within = args?.within ?? BROKER_BACK_WITHIN_MS;
      world.record('fault', 'brokerUp');
      const back = await outage.value.up(within);
      if (!back.ok) return fail(back.error.code, `${back.error.message} (brokerUp within ${formatDuration(within)})`, 'brokerUp');
      return back;
    },
  });
}
