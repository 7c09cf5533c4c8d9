import type { Readable, Writable } from 'node:stream';
import type { Uart } from '../../emulator/uart/Uart.ts';

/** Output held for a slow reader before bytes are dropped: a serial line does not wait either. */
export const MAX_PENDING_OUTPUT = 64 * 1024;

/**
 * Joins a host UART end to a byte stream (a socket, socat's stdio, this process's stdin/out).
 * A reader that stops reading loses output beyond MAX_PENDING_OUTPUT rather than growing memory.
 */
export function bridgeStream(options: { uart: Uart; input: Readable; output: Writable }): { dropped(): number; detach(): void } {
  const { uart, input, output } = options;
  let dropped = 0;
  const onInput = (chunk: Buffer | string): void => uart.write(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  input.on('data', onInput);
  const off = uart.onData((bytes) => {
    if (output.destroyed || !output.writable) return;
    if (output.writableLength > MAX_PENDING_OUTPUT) dropped += bytes.length;
    else output.write(bytes);
  });
  return {
    dropped: () => dropped,
    detach() {
      input.off('data', onInput);
      off();
    },
  };
}
