import { connect, type Socket } from 'node:net';
import { vi } from 'vitest';

/** A test's TCP client on a device console: what `nc 127.0.0.1 PORT` would show. */
export interface TcpTerminal {
  output(): string;
  send(bytes: string | Uint8Array): void;
  until(from: number, done: (text: string) => boolean): Promise<string>;
  /** Types a line ending in CR; the answer between the echo and the next prompt. */
  command(line: string | Uint8Array): Promise<string>;
  close(): void;
}

export async function openTcpTerminal(options: { port: number; prompt: string }): Promise<TcpTerminal> {
  const socket: Socket = connect(options.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('utf8').replace(/\r\n/g, '\n');
  });
  const until = async (from: number, done: (text: string) => boolean): Promise<string> => {
    await vi.waitFor(() => {
      if (!done(received.slice(from))) throw new Error(`waiting for the console; so far: ${JSON.stringify(received.slice(from).slice(-300))}`);
    }, { timeout: 5000, interval: 5 });
    return received.slice(from);
  };
  const send = (bytes: string | Uint8Array): void => void socket.write(bytes);
  return {
    output: () => received,
    send,
    until,
    async command(line) {
      const from = received.length;
      send(Buffer.concat([typeof line === 'string' ? Buffer.from(line) : line, Buffer.from('\r')]));
      const text = await until(from, (t) => t.endsWith(`\n${options.prompt}`));
      return text.slice(text.indexOf('\n') + 1, -options.prompt.length).replace(/\n$/, '');
    },
    close: () => void socket.destroy(),
  };
}
