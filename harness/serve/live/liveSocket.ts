import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LiveFeed } from './liveFeed.ts';
import type { LiveMessage } from './liveMessages.ts';
import { parseLiveQuery } from './liveQuery.ts';

/** WebSocket close codes used: the query was bad; the client fell too far behind. */
export const CLOSE_BAD_QUERY = 1008;
export const CLOSE_TOO_SLOW = 1013;

export interface LiveSocketOptions {
  feed: LiveFeed;
  /** A client with more than this many bytes unsent is closed and told where to resume; 16 MiB by default. */
  maxBufferedBytes?: number;
}

export interface LiveSocket {
  /** Takes an HTTP upgrade already routed to the live feed's path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/**
 * The live feed over WebSocket: each client gets its opening messages (a snapshot, or a resume
 * from `?since=N`) and then every flush, one JSON text frame per message. The feed is one-way;
 * text from a client is answered with an error message and otherwise ignored.
 */
export function liveSocket(options: LiveSocketOptions): LiveSocket {
  const { feed } = options;
  const maxBuffered = options.maxBufferedBytes ?? 16 * 1024 * 1024;
  const sockets = new WebSocketServer({ noServer: true });
  // A flush goes to every client as the same message objects: encode each once, not once per client.
  const encoded = new WeakMap<LiveMessage, string>();
  const encode = (message: LiveMessage): string => {
    let text = encoded.get(message);
    if (text === undefined) encoded.set(message, (text = JSON.stringify(message)));
    return text;
  };

  const serve = (ws: WebSocket, request: IncomingMessage): void => {
    const start = parseLiveQuery(request.url ?? '/');
    if (!start.ok) {
      // The reason travels in the close frame, which holds at most 123 bytes.
      ws.close(CLOSE_BAD_QUERY, Buffer.from(start.error.message).subarray(0, 123).toString());
      return;
    }
    let at = 0;
    const send = (messages: readonly LiveMessage[]): void => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBuffered) {
        stop();
        ws.close(CLOSE_TOO_SLOW, `too far behind; reconnect with since=${at}`);
        return;
      }
      for (const message of messages) ws.send(encode(message));
      const last = messages.at(-1);
      if (last !== undefined && 'seq' in last) at = last.seq;
    };
    const stop = feed.subscribe(start.value, send);
    ws.on('close', stop);
    ws.on('error', stop);
    ws.on('message', () => {
      send([{ type: 'error', code: 'BAD_REQUEST', message: 'the live feed is read-only: it takes no messages; reconnect with ?since=N to resume' }]);
    });
  };

  return {
    handleUpgrade(request, socket, head) {
      sockets.handleUpgrade(request, socket, head, (ws) => serve(ws, request));
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
