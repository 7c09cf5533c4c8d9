import { SerialPortMock } from 'serialport';
import { beforeEach, describe, expect, it } from 'vitest';
import { openSerialPortWith, type SerialPortClass } from './openSerialPort.ts';

const PATH = '/dev/ttyFLEETRIG1';
const Mock = SerialPortMock as unknown as SerialPortClass;

describe('openSerialPortWith: a port through serialport (its mock binding)', () => {
  beforeEach(() => {
    SerialPortMock.binding.reset();
    SerialPortMock.binding.createPort(PATH, { echo: false, record: true });
  });

  it('opens at the given speed, 8N1 without flow control', async () => {
    const port = await openSerialPortWith(Mock, { path: PATH, baudRate: 9600 });
    expect((port.stream as SerialPortMock).port!.openOptions).toMatchObject({ path: PATH, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, xon: false, xoff: false });
    await port.close();
  });

  it("rejects with the system's reason when the port cannot be opened", async () => {
    await expect(openSerialPortWith(Mock, { path: '/dev/ttyNOPE', baudRate: 115_200 })).rejects.toThrow(/ttyNOPE/);
  });

  it('tells of a port closed under it, with the reason, and not of one it closed itself', async () => {
    const lost: string[] = [];
    const unplugged = await openSerialPortWith(Mock, { path: PATH, baudRate: 115_200 });
    unplugged.onLost((reason) => lost.push(reason));
    await new Promise<void>((resolve) => (unplugged.stream as SerialPortMock).close(() => resolve()));
    expect(lost).toEqual(['the port closed']);

    const closed = await openSerialPortWith(Mock, { path: PATH, baudRate: 115_200 });
    closed.onLost((reason) => lost.push(reason));
    await closed.close();
    expect(lost).toEqual(['the port closed']);
  });
});
