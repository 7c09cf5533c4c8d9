import { createRequire } from 'node:module';
import type * as BindingMock from '@serialport/binding-mock' with { 'resolution-mode': 'require' };
import { SerialPortStream } from '@serialport/stream';
import { vi } from 'vitest';
import type { Uart } from '../../../emulator/uart/Uart.ts';

// The package's ESM entry has no types (its exports map names none), so load the CommonJS
// entry, which its types describe.
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as typeof BindingMock;
type MockBindingInterface = BindingMock.MockBindingInterface;

/** Forgets every mock port: MockBinding keeps them in a module-global map, so call it before each test. */
export function resetMockPorts(): void {
  MockBinding.reset();
}

/** A host's serial port cabled to a board's UART, as a test types at it. */
export interface MockTerminal {
  readonly port: SerialPortStream;
  /** Everything received so far, CRLF turned to LF. */
  output(): string;
  /** Writes bytes and waits until they have left the port. */
  send(bytes: string | Uint8Array): Promise<void>;
  /** Output from `from` on, once `done` holds for it. */
  until(from: number, done: (text: string) => boolean): Promise<string>;
  /** Types a line ending in CR and returns the answer: what came between the echo and the next prompt. */
  command(line: string | Uint8Array): Promise<string>;
  close(): Promise<void>;
}

/**
 * serialport's own stream on its MockBinding, with the mock port's far end soldered to a UART:
 * what the test writes to the stream reaches the board, what the board writes arrives as data.
 * Call `resetMockPorts()` before each test.
 */
export async function openMockTerminal(options: { uart: Uart; prompt: string; path?: string }): Promise<MockTerminal> {
  const { uart, prompt } = options;
  const path = options.path ?? '/dev/ttyFLEETRIG0';
  const mock: MockBindingInterface = MockBinding;
  mock.createPort(path, { echo: false, record: false });
  const binding: MockBindingInterface = {
    ...mock,
    async open(openOptions) {
      const port = await mock.open(openOptions);
      const write = port.write.bind(port);
      port.write = async (buffer) => {
        await write(buffer);
        uart.write(buffer);
      };
      uart.onData((bytes) => port.isOpen && port.emitData(Buffer.from(bytes)));
      return port;
    },
  };
  const port = new SerialPortStream({ binding, path, baudRate: uart.settings.baudRate, dataBits: uart.settings.dataBits, parity: uart.settings.parity, stopBits: uart.settings.stopBits });
  await new Promise<void>((resolve, reject) => port.once('open', resolve).once('error', reject));
  let received = '';
  port.on('data', (chunk: Buffer) => {
    received += chunk.toString('utf8').replace(/\r\n/g, '\n');
  });

  const until = async (from: number, done: (text: string) => boolean): Promise<string> => {
    await vi.waitFor(() => {
      if (!done(received.slice(from))) throw new Error(`waiting for the console; so far: ${JSON.stringify(received.slice(from).slice(-300))}`);
    }, { timeout: 3000, interval: 2 });
    return received.slice(from);
  };
  const send = (bytes: string | Uint8Array): Promise<void> =>
    new Promise((resolve, reject) => port.write(bytes, (error) => (error ? reject(error) : port.drain(() => resolve()))));

  return {
    port,
    output: () => received,
    send,
    until,
    async command(line) {
      const from = received.length;
      const bytes = typeof line === 'string' ? Buffer.from(line, 'utf8') : line;
      await send(Buffer.concat([bytes, Buffer.from('\r')]));
      const text = await until(from, (t) => t.endsWith(`\n${prompt}`));
      // The first line is the echo of what was typed (empty for a line the console would not echo).
      return text.slice(text.indexOf('\n') + 1, -prompt.length).replace(/\n$/, '');
    },
    close: () => new Promise((resolve) => port.close(() => resolve())),
  };
}
