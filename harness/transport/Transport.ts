import type { Link } from '../../emulator/link/Link.ts';

/**
 * How devices reach the license server in a run: in-memory wires, or MQTT through a broker.
 * The fleet builder asks for one link per device before it builds the device's board.
 */
export interface DeviceWire {
  /** The device's end of the wire. */
  readonly link: Link;
  /** Cuts or restores the device's network (the `linkDown`/`linkUp` faults). */
  setUp(up: boolean): void;
}

export interface Transport {
  readonly name: string;
  /** `family` goes into what the transport says of the device (an MQTT last will). */
  attach(deviceId: string, options?: { family?: string }): Promise<DeviceWire>;
  /** Publishes the device's state where outsiders can see it (MQTT: retained `state` topic). */
  publishState?(deviceId: string, state: object): Promise<unknown>;
  close(): Promise<void>;
}
