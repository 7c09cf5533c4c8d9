import type { Request } from '../../../protocol/messages/envelope.ts';
import { bootHelpers, createTestBoard } from '../../shared/testing/testBoard.ts';
import { createAudioDevice } from '../createAudioDevice.ts';
import { AUDIO_BOOT_TIME_MS } from '../audioMachine.ts';

/** What the scripted service answers a request with; undefined leaves it unanswered. */
type Answer = { ok: true; body: Record<string, unknown> } | { ok: false; error: { code: string; message: string } } | undefined;

/**
 * One audio device on a real emulated board in virtual time, its link wired to a scripted
 * device-management service: each op answers as the test sets it (enrolled, heartbeats
 * acknowledged, by default), and every request is kept for inspection.
 */
export function createAudioRig(options: { seed?: string; replyTimeoutMs?: number; heartbeatIntervalMs?: number } = {}) {
  const { clock, factory, identity, wire, board } = createTestBoard({
    id: 'audio-001', family: 'audio', seed: options.seed ?? 'audio-rig',
  });
  const device = createAudioDevice({ board, replyTimeoutMs: options.replyTimeoutMs, heartbeatIntervalMs: options.heartbeatIntervalMs });
  const requests: Request[] = [];
  const answers = new Map<string, (request: Request) => Answer>([
    ['pdms.enroll', (r) => ({ ok: true, body: { accountId: r.body.accountId, enrolledAt: clock.now(), usage: { used: 1, allowed: 5 } } })],
    ['pdms.unenroll', () => ({ ok: true, body: { accountId: 'acme' } })],
    ['pdms.heartbeat', () => ({ ok: true, body: { enrolled: true, accountId: 'acme' } })],
  ]);
  wire.b.onFrame((frame) => {
    const request = JSON.parse(frame) as Request;
    requests.push(request);
    const answer = answers.get(request.op)?.(request);
    if (answer) wire.b.send(JSON.stringify({ id: request.id, ...answer }));
  });

  return {
    clock,
    board,
    device,
    wire,
    factory,
    identity,
    requests,
    /** Sets how the service answers `op` from now on. */
    answer(op: string, fn: (request: Request) => Answer): void {
      answers.set(op, fn);
    },
    refuse(op: string, code: string, message = `refused ${op}`): void {
      answers.set(op, () => ({ ok: false, error: { code, message } }));
    },
    ...bootHelpers({ appliance: device, board, clock, bootTimeMs: AUDIO_BOOT_TIME_MS }),
  };
}
