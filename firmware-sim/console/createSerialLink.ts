import { Listeners, type Link } from '../../emulator/link/Link.ts';
import type { SerialConsole } from './SerialConsole.ts';

/**
 * The device's end of a license link over its serial console: what it sends goes out as frame
 * lines, frames with a good CRC come in. So a device can reach the portal over a cable (GW-6)
 * with the same request/reply JSON as over MQTT. The link is up while the console is open;
 * a frame sent after it closed is lost, as on a pulled cable.
 */
export function createSerialLink(serial: SerialConsole): Link {
  let up = true;
  const status = new Listeners<boolean>();
  serial.onClose(() => {
    up = false;
    status.emit(false);
  });
  return {
    send(frame) {
      if (up) serial.sendFrame(frame);
    },
    onFrame: (handler) => serial.onFrame(handler),
    isUp: () => up,
    onStatus: (handler) => status.add(handler),
  };
}
