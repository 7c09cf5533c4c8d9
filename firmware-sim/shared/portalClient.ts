import type { z } from 'zod';
import type { Board } from '../../emulator/board/Board.ts';
import type { Clock, TimerId } from '../../emulator/clock/Clock.ts';
import type { Random } from '../../emulator/random/Random.ts';
import type { Link, Unsubscribe } from '../../emulator/link/Link.ts';
import { fail, type Result } from '../../protocol/result.ts';
import { ErrorCode, isWireErrorCode } from '../../protocol/errorCodes.ts';
import { parseFrame, parseValue, replySchema, type Reply, type Request } from '../../protocol/messages/envelope.ts';
import { DeviceErrorCode } from './DeviceErrorCode.ts';

/**
 * The device's side of the request/reply protocol over its link: one request, one reply
 * matched by a request ID drawn from the board's random source. Every outcome is a Result —
 * a reply, the portal's refusal (its code passed through when the protocol defines it, else
 * BAD_REPLY), TIMEOUT on the injected clock, or LINK_DOWN. Frames that are not replies to a
 * request in flight are ignored and counted.
 */
export const DEFAULT_REPLY_TIMEOUT_MS = 30_000;

type Body = Record<string, unknown>;

export interface PortalCall<T> {
  op: string;
  /** The request body, or a builder for bodies that sign the request ID (GW-6 proofs). */
  body: Body | ((requestId: string) => Body);
  reply: z.ZodType<T>;
}

export interface PortalClient {
  request<T>(call: PortalCall<T>): Promise<Result<T>>;
  /** Fails every request in flight, e.g. when the device loses power or reboots. */
  abortAll(code: ErrorCode, message: string): void;
  /** Frames received that were not a valid reply to a request in flight. */
  ignoredFrames(): number;
  /** Detaches from the link; requests in flight fail with LINK_DOWN. */
  close(): void;
}

export interface PortalClientOptions {
  link: Link;
  clock: Clock;
  random: Random;
  deviceId: string;
  replyTimeoutMs?: number;
}

interface Pending {
  op: string;
  timer: TimerId;
  settle: (frameBody: Result<Body>) => void;
}

export function createPortalClient(options: PortalClientOptions): PortalClient {
  const { link, clock, random, deviceId } = options;
  const timeoutMs = options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  const pending = new Map<string, Pending>();
  let ignored = 0;

  const finish = (id: string, outcome: Result<Body>): void => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clock.clearTimeout(entry.timer);
    entry.settle(outcome);
  };

  const abortAll = (code: ErrorCode, message: string): void => {
    for (const id of [...pending.keys()]) finish(id, fail(code, message));
  };

  const onFrame = (frame: string): void => {
    const parsed = parseFrame(frame, replySchema, 'portal reply');
    if (!parsed.ok || !pending.has(parsed.value.id)) {
      ignored++;
      return;
    }
    const reply = parsed.value;
    const op = pending.get(reply.id)!.op;
    finish(reply.id, reply.ok ? { ok: true, value: reply.body } : refusal(op, reply.error));
  };

  const subscriptions: Unsubscribe[] = [
    link.onFrame(onFrame),
    link.onStatus((up) => {
      if (!up) abortAll(ErrorCode.LinkDown, 'the link to the portal went down while waiting for its reply');
    }),
  ];

  return {
    request<T>(call: PortalCall<T>): Promise<Result<T>> {
      if (!link.isUp()) {
        return Promise.resolve(fail(ErrorCode.LinkDown, `cannot reach the portal for ${call.op}: the link is down`));
      }
      let id = random.hex(8);
      while (pending.has(id)) id = random.hex(8);
      const body = typeof call.body === 'function' ? call.body(id) : call.body;
      const request: Request = { id, op: call.op, deviceId, body };
      const outcome = new Promise<Result<Body>>((settle) => {
        const timer = clock.setTimeout(
          () => finish(id, fail(ErrorCode.Timeout, `no reply from the portal to ${call.op} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        pending.set(id, { op: call.op, timer, settle });
      });
      // The request is not tracked on the clock: the link holds it for each hop the frames
      // make, so a reply that cannot come (dropped, link down, nobody serving) lets the clock
      // move on to this request's own timeout.
      link.send(JSON.stringify(request));
      return outcome.then((result): Result<T> => {
        if (!result.ok) return result;
        const checked = parseValue(result.value, call.reply, `reply to ${call.op}`);
        return checked.ok ? checked : fail(DeviceErrorCode.BadReply, checked.error.message, checked.error.where);
      });
    },
    abortAll,
    ignoredFrames: () => ignored,
    close() {
      for (const unsubscribe of subscriptions.splice(0)) unsubscribe();
      abortAll(ErrorCode.LinkDown, 'the portal client was closed');
    },
  };
}

/**
 * The portal's refusal as the device's failure. The code comes off the wire as any string: a
 * code the protocol defines (protocol/errorCodes.ts) passes through, anything else is BAD_REPLY
 * with the portal's code kept in the message.
 */
function refusal(op: string, error: Extract<Reply, { ok: false }>['error']): Result<never> {
  return isWireErrorCode(error.code)
    ? fail(error.code, `portal refused ${op}: ${error.message}`)
    : fail(DeviceErrorCode.BadReply, `portal refused ${op} with ${JSON.stringify(error.code)}, which is no protocol error code: ${error.message}`);
}

/**
 * The portal client of a board's firmware: on the board's link and clock, in its name, with
 * request IDs drawn from the board's random stream named `requestIds`.
 */
export function createBoardPortalClient(options: { board: Board; requestIds: string; replyTimeoutMs?: number }): PortalClient {
  const { board } = options;
  return createPortalClient({
    link: board.link,
    clock: board.clock,
    random: board.random.fork(options.requestIds),
    deviceId: board.id,
    replyTimeoutMs: options.replyTimeoutMs,
  });
}
