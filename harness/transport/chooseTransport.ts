import type { World } from '../runner/World.ts';
import { createMemoryTransport } from './memoryTransport.ts';
import { createMqttTransport } from './mqttTransport.ts';
import type { Transport } from './Transport.ts';

export type TransportMode = 'memory' | 'stream' | 'tcp';

export interface TransportChoice {
  /** An external MQTT broker, e.g. `mqtt://127.0.0.1:1883` (`--broker`). */
  readonly brokerUrl?: string;
  /** Without a URL: in-memory wires, or the embedded broker in process ('stream', the default) or over loopback TCP. */
  readonly mode?: TransportMode;
  /** Wall-clock limit on one frame over a real socket (`tcp`, a broker URL) — `--io-timeout`; see createMqttTransport. */
  readonly ioTimeoutMs?: number;
}

/**
 * How a run connects its devices to the license server, as the `transport` option of
 * runScenario/buildWorld: a fresh transport per scenario, built once the world's server exists.
 */
export function transportFor(choice: TransportChoice): (world: World) => Promise<Transport> {
  const { brokerUrl, mode, ioTimeoutMs } = choice;
  if (brokerUrl !== undefined && mode !== undefined) {
    throw new TypeError(`transportFor: give a broker URL or a mode, not both (got ${brokerUrl} and '${mode}')`);
  }
  if (mode === 'memory') return async (world) => createMemoryTransport({ server: world.server, clock: world.clock });
  return (world) => createMqttTransport({
    server: world.server,
    random: world.random.fork('mqtt'),
    clock: world.clock,
    ioTimeoutMs,
    mode: brokerUrl === undefined ? (mode ?? 'stream') : { url: brokerUrl },
  });
}
