import type { Link } from '../../emulator/link/Link.ts';
import type { Result } from '../../protocol/result.ts';

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
  /** The broker's outage (the `brokerDown`/`brokerUp` faults); absent without a broker. */
  readonly outage?: BrokerOutage;
  close(): Promise<void>;
}

/** Stops and restarts the broker a transport runs in this process, or cuts its clients off an external one. */
export interface BrokerOutage {
  /** Whether the broker is stopped now. */
  isDown(): boolean;
  /** Stops the broker: every device and the license server lose their connection and start reconnecting. */
  down(): Promise<void>;
  /**
   * Starts it again, fresh, and resolves once every device link and the license server's endpoint
   * are connected and subscribed again; BROKER_NOT_BACK, naming who is missing, after `withinMs`
   * of wall time (reconnecting is real-world work, whatever clock the run is on).
   */
  up(withinMs: number): Promise<Result<{ clients: number }>>;
}
