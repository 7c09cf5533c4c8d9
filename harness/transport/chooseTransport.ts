import { MqttConnectError } from '../../broker/connect.ts';
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
  /** The run-level seed of every broker password (broker/brokerSecret.ts): the same for every scenario of a run. */
  readonly credentialSeed?: number;
}

/**
 * How a run connects its devices to the license server, as the `transport` option of
 * runScenario/buildWorld: a fresh transport per scenario, built once the world's server exists.
 */
export function transportFor(choice: TransportChoice): (world: World) => Promise<Transport> {
  const { brokerUrl, mode, ioTimeoutMs, credentialSeed } = choice;
  if (brokerUrl !== undefined && mode !== undefined) {
    throw new TypeError(`transportFor: give a broker URL or a mode, not both (got ${brokerUrl} and '${mode}')`);
  }
  if (mode === 'memory') return async (world) => createMemoryTransport({ server: world.server, clock: world.clock });
  return (world) => createMqttTransport({
    server: world.server,
    random: world.random.fork('mqtt'),
    credentialSeed,
    clock: world.clock,
    ioTimeoutMs,
    // A split fleet's shard answers its own devices' requests, the other shards' servers theirs.
    attachedOnly: world.split !== undefined,
    mode: brokerUrl === undefined ? (mode ?? 'stream') : { url: brokerUrl },
  }).catch((error: unknown) => {
    throw brokerUrl === undefined ? error : withCredentialsHint(error, credentialSeed);
  });
}

/** An external broker that refuses us most likely holds passwords of another credential seed: say which one we used. */
function withCredentialsHint(error: unknown, credentialSeed: number | undefined): unknown {
  if (!(error instanceof MqttConnectError) || error.code !== 'MQTT_CONNECT_REFUSED' || credentialSeed === undefined) return error;
  return new MqttConnectError(error.code, `${error.message}. The broker passwords were derived from credential seed ${credentialSeed}: give the broker the files of \`fleetrig credentials --seed ${credentialSeed}\`, or run with the --credentials-seed they were written with (docs/mosquitto.md)`, error.returnCode);
}
