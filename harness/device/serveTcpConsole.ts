import { createServer, type Socket } from 'node:net';
import { createUartPair } from '../../emulator/uart/createUartPair.ts';
import type { Uart } from '../../emulator/uart/Uart.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { bridgeStream } from './bridgeStream.ts';

export interface TcpConsole {
  readonly port: number;
  /** `tcp://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The console over TCP, as a terminal server would serve a serial port (`nc 127.0.0.1 PORT`).
 * Each connection is its own session on its own wire, with its own line buffer and counters;
 * `startSession` builds the console on the wire's board end and returns how to end it.
 * Loopback only: the console can change licenses, so it is not offered to the network.
 */
export async function serveTcpConsole(options: { port: number; startSession: (uart: Uart) => () => void }): Promise<Result<TcpConsole>> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const wire = createUartPair();
    const bridge = bridgeStream({ uart: wire.host, input: socket, output: socket });
    const end = options.startSession(wire.board);
    socket.on('error', () => {});
    socket.once('close', () => {
      sockets.delete(socket);
      bridge.detach();
      end();
    });
  });
  const listening = await new Promise<Result<number>>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => resolve(fail(error.code === 'EADDRINUSE' ? 'PORT_IN_USE' : 'TCP_FAILED',
      error.code === 'EADDRINUSE' ? `port ${options.port} on 127.0.0.1 is already in use; pick another, or tcp:0 for any free port` : `cannot listen on 127.0.0.1:${options.port}: ${error.message}`)));
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      resolve(ok(typeof address === 'object' && address !== null ? address.port : options.port));
    });
  });
  if (!listening.ok) return listening;
  const port = listening.value;
  return ok({
    port,
    url: `tcp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  });
}
