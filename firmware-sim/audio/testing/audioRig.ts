import { VirtualClock } from '../../../emulator/clock/VirtualClock.ts';
import { createRandom } from '../../../emulator/random/Random.ts';
import { createMemoryLinkPair } from '../../../emulator/link/memoryLinkPair.ts';
import { createFactory, manufacture } from '../../../emulator/identity/manufacture.ts';
import { createBoard } from '../../../emulator/board/createBoard.ts';
import type { Request } from '../../../protocol/messages/envelope.ts';
import { createAudioDevice } from '../createAudioDevice.ts';
import { AUDIO_BOOT_TIME_MS } from '../audioMachine.ts';

/** What the scripted service answers a request with; undefined leaves it unanswered. */
type Answer = { ok: true; body: Record<string, unknown> } | { ok: false; error: { code: string; message: string } } | undefined;

/**
 * One audio device on a real emulated board in virtual time, its link wired to a scripted
 * device-management service: each op answers as the test sets it (enrolled, heartbeats
 * acknowledged, by default), and every request is kept for inspection.
 */
export function createAudioRig(options: { seed?: string; replyTimeoutMs?: number; heartbeatIntervalMs?: number; trackedWorkLimitMs?: number } = {}) {
  // A request the service leaves unanswered holds the clock for trackedWorkLimitMs of real time.
  const clock = new VirtualClock({ trackedWorkLimitMs: options.trackedWorkLimitMs });
  const random = createRandom(options.seed ?? 'audio-rig');
  const factory = createFactory({ random: random.fork('factory'), clock });
  const boardRandom = random.fork('board');
  const identity = manufacture(factory, { random: boardRandom, family: 'audio' });
  const wire = createMemoryLinkPair();
  const board = createBoard({ id: 'audio-001', clock, random: boardRandom, identity, link: wire.a });
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

  const untilRunning = async (): Promise<void> => {
    const booted = await clock.advanceUntil(() => device.snapshot().state === 'running', AUDIO_BOOT_TIME_MS * 2);
    if (!booted) throw new Error(`audio device did not boot; it is ${device.snapshot().state}`);
  };

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
    untilRunning,
    async boot() {
      device.start();
      await untilRunning();
    },
    async reset() {
      board.reset();
      await untilRunning();
    },
  };
}
