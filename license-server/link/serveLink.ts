import type { Link } from '../../emulator/link/Link.ts';
import { MAX_FRAME_BYTES, parseFrame, requestSchema, type Reply, type Request } from '../../protocol/messages/envelope.ts';
import type { Result } from '../core/result.ts';

/** Answers one device request's body; the op's own schema check is the handler's first step. */
export type LinkHandler = (request: Request) => Promise<Result<Record<string, unknown>>>;

/** Counters over every link a server answers on, for traces and tests. */
export interface LinkStats {
  /** Well-formed requests received, duplicates included. */
  requests: number;
  /** Requests answered from the reply cache instead of acting twice. */
  duplicates: number;
  /** Frames answered with BAD_REQUEST because they were malformed but carried a readable ID. */
  rejected: number;
  /** Frames dropped because not even an ID could be read from them. */
  dropped: number;
}

export function createLinkStats(): LinkStats {
  return { requests: 0, duplicates: 0, rejected: 0, dropped: 0 };
}

export interface ServeLinkOptions {
  link: Link;
  /** Handlers by op name, e.g. `gateway.download`. */
  handlers: Readonly<Record<string, LinkHandler>>;
  stats: LinkStats;
  /** Replies remembered per link for duplicate detection; 1024 by default. */
  replyCacheSize?: number;
  /** Told of every request answered (not of duplicates answered from the cache): its op, and the refusal code or `ok`. */
  onAnswered?: (op: string, outcome: string) => void;
}

export interface ServedLink {
  /** Stops taking frames; requests already taken are still answered (see `idle`). */
  stop(): void;
  /** Resolves when every request received so far has been handled. */
  idle(): Promise<void>;
}

/**
 * Serves request/reply traffic on a link: each frame is parsed against the envelope schema,
 * dispatched by `op`, answered `{id, ok, body | error}`. A request ID seen before from the same
 * device (an MQTT QoS 1 redelivery, a retry after a lost reply) gets the first reply again —
 * the operation runs once. Bad frames never throw: they are answered BAD_REQUEST when their ID
 * can be read, else dropped and counted.
 */
export function serveLink(options: ServeLinkOptions): ServedLink {
  const { link, handlers, stats } = options;
  const cacheSize = options.replyCacheSize ?? 1024;
  const replies = new Map<string, Promise<string>>();
  const inFlight = new Set<Promise<void>>();
  const send = (frame: string): void => link.send(frame);

  const answer = async (request: Request): Promise<string> => {
    let reply = await answerOnce(request);
    let frame = encode(reply);
    // A reply no link can carry would be dropped on the way and leave the device waiting for
    // ever: it gets an error in its place, saying why.
    const bytes = Buffer.byteLength(frame);
    if (bytes > MAX_FRAME_BYTES) {
      reply = { id: request.id, ok: false, error: { code: 'INTERNAL', message: `${request.op}: the reply of ${bytes} bytes exceeds the ${MAX_FRAME_BYTES}-byte frame limit; not sent` } };
      frame = encode(reply);
    }
    options.onAnswered?.(request.op, reply.ok ? 'ok' : reply.error.code);
    return frame;
  };

  const answerOnce = async (request: Request): Promise<Reply> => {
    const handler = Object.hasOwn(handlers, request.op) ? handlers[request.op] : undefined;
    if (!handler) {
      const known = Object.keys(handlers).join(', ');
      return { id: request.id, ok: false, error: { code: 'UNKNOWN_OPERATION', message: `op ${request.op} is not served here (known: ${known})` } };
    }
    try {
      const result = await handler(request);
      return result.ok
        ? { id: request.id, ok: true, body: result.value }
        : { id: request.id, ok: false, error: { code: result.error.code, message: result.error.message } };
    } catch (error) {
      return { id: request.id, ok: false, error: { code: 'INTERNAL', message: `${request.op} failed inside the server: ${(error as Error).message}` } };
    }
  };

  const receive = (frame: string): void => {
    const parsed = parseFrame(frame, requestSchema, 'request');
    if (!parsed.ok) {
      const id = readableId(frame);
      if (id === undefined) {
        stats.dropped++;
        return;
      }
      stats.rejected++;
      send(encode({ id, ok: false, error: { code: 'BAD_REQUEST', message: parsed.error.message } }));
      return;
    }
    const request = parsed.value;
    stats.requests++;
    const key = `${request.deviceId}\u0000${request.id}`;
    let reply = replies.get(key);
    if (reply) stats.duplicates++;
    else {
      reply = answer(request);
      replies.set(key, reply);
      if (replies.size > cacheSize) replies.delete(replies.keys().next().value!);
    }
    const done = reply.then(send);
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };

  const unsubscribe = link.onFrame(receive);
  return {
    stop() {
      unsubscribe();
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

function encode(reply: Reply): string {
  return JSON.stringify(reply);
}

/** The request ID of a frame that failed validation, if it has a usable one. */
function readableId(frame: string): string | undefined {
  try {
    const value: unknown = JSON.parse(frame);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const id = (value as { id?: unknown }).id;
    return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
  } catch {
    return undefined;
  }
}
