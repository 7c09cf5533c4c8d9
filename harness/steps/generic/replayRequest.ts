import { z } from 'zod';
import { createMemoryLinkPair } from '../../../emulator/link/memoryLinkPair.ts';
import { parseFrame, replySchema, type Reply } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../../protocol/result.ts';
import { deviceId, errorCode } from '../../scenario/fields.ts';
import { expectOutcome } from '../outcome.ts';
import { defineStep } from '../StepKind.ts';
import type { World } from '../../runner/World.ts';

const REPLY_WITHIN_MS = 30_000;

/**
 * `- replayRequest: { device: gw-001, op: gateway.invalidate, expectError: REQUEST_REPLAYED }`
 * — [TM-3] someone who captured a device's signed request on the network sends it to the
 * portal again, byte for byte, from a link of their own. The portal must refuse it however
 * much has changed since.
 */
export const replayRequest = defineStep({
  kind: 'replayRequest',
  summary: "Send the device's latest request of `op` to the portal again, byte for byte, from another link, as an eavesdropper would; `expectError` names the refusal (TM-3).",
  args: z.object({
    device: deviceId.describe('The device whose captured request is sent again.'),
    op: z.string().regex(/^[a-z]+\.[A-Za-z.]+$/, 'expected an op such as gateway.invalidate').describe('The op of the request to replay, e.g. `gateway.invalidate`.'),
    expectError: errorCode.optional().describe('The code the portal must refuse the replay with, e.g. `REQUEST_REPLAYED`.'),
  }).strict(),
  async run(world, { device: id, op, expectError }) {
    const device = world.devices.get(id);
    if (!device) return fail('NO_SUCH_DEVICE', `replayRequest: no device '${id}' in the fleet`);
    const frame = [...device.sentFrames].reverse().find((f) => opOf(f) === op);
    if (frame === undefined) return fail('NOT_FOUND', `replayRequest: ${id} has sent no ${op} request to capture (of its last ${device.sentFrames.length} frames)`);
    world.record('fault', `replay ${op}`, id);
    return expectOutcome(await sendAgain(world, frame), expectError, `replaying ${id}'s ${op}`, id);
  },
});

function opOf(frame: string): string | undefined {
  try {
    return (JSON.parse(frame) as { op?: unknown }).op as string | undefined;
  } catch {
    return undefined;
  }
}

async function sendAgain(world: World, frame: string): Promise<Result<unknown>> {
  const wire = createMemoryLinkPair();
  const stop = world.server.serveLink(wire.b);
  let reply: Reply | undefined;
  wire.a.onFrame((text) => {
    const parsed = parseFrame(text, replySchema, 'replayed reply');
    if (parsed.ok) reply = parsed.value;
  });
  try {
    wire.a.send(frame);
    await world.time.advanceUntil(() => reply !== undefined, REPLY_WITHIN_MS);
  } finally {
    stop();
  }
  if (!reply) return fail('TIMEOUT', `the portal did not answer the replayed request within ${REPLY_WITHIN_MS} ms`);
  return reply.ok ? ok(reply.body) : fail(reply.error.code as never, reply.error.message);
}
