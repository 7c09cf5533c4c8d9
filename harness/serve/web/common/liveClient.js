/* global location, WebSocket, setTimeout */
/* eslint-disable no-restricted-globals -- the back-off before a reconnect runs on the browser's wall time */
// The browser's end of the live feed (GET /api/v1/live, see docs/dashboard.md): it applies
// messages in sequence order and, after a drop, reconnects with ?since=<last seq>&stream=<stream>
// so the page carries on without a reload. A gap in the numbers forces a resume; a number already
// applied is skipped.

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5000;

/**
 * onSnapshot(message): the whole fleet (first connect, or a resume that could not be honoured);
 * onMessage(message): a change, removed or clock message, each exactly once and in order;
 * onStatus(status): 'connecting' | 'open' | 'reconnecting'.
 */
export function connectLive({ path = '/api/v1/live', onSnapshot, onMessage, onStatus = () => {} }) {
  let seq = null;
  let stream = null;
  let socket = null;
  let retryMs = RETRY_FIRST_MS;
  let stopped = false;

  const url = () => {
    const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
    return seq === null ? base : `${base}?since=${seq}&stream=${encodeURIComponent(stream)}`;
  };

  const apply = (message) => {
    switch (message.type) {
      case 'snapshot':
        seq = message.seq;
        stream = message.stream;
        onSnapshot(message);
        return;
      case 'resume':
        stream = message.stream;
        return;
      case 'error':
        console.warn(`live feed: ${message.code}: ${message.message}`);
        return;
      default:
        if (message.seq <= seq) return;
        if (message.seq !== seq + 1) {
          // Never happens with a well-behaved server; resuming from where we are repairs it.
          socket.close(4000, 'gap');
          return;
        }
        seq = message.seq;
        onMessage(message);
    }
  };

  const open = () => {
    onStatus(seq === null ? 'connecting' : 'reconnecting');
    socket = new WebSocket(url());
    socket.addEventListener('open', () => {
      retryMs = RETRY_FIRST_MS;
      onStatus('open');
    });
    socket.addEventListener('message', (event) => apply(JSON.parse(event.data)));
    socket.addEventListener('close', (event) => {
      if (stopped) return;
      // A refused query (1008) will be refused again: start over with a snapshot.
      if (event.code === 1008) seq = null;
      onStatus('reconnecting');
      setTimeout(open, retryMs);
      retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
    });
  };
  open();

  return {
    seq: () => seq,
    /** Drops the socket as a network failure would; the client reconnects and resumes. */
    drop: () => socket?.close(4001, 'dropped by the page'),
    close: () => {
      stopped = true;
      socket?.close(1000, 'page closed');
    },
  };
}
