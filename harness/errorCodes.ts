import { MqttConnectErrorCode } from '../broker/connect.ts';
import { TopicErrorCode } from '../broker/topics.ts';
import { ConsoleErrorCode } from '../firmware-sim/console/ConsoleErrorCode.ts';
import { DeviceErrorCode } from '../firmware-sim/shared/DeviceErrorCode.ts';
import { SmartServerErrorCode } from '../firmware-sim/smartserver/SmartServerErrorCode.ts';
import { VideoErrorCode } from '../firmware-sim/video/VideoErrorCode.ts';
import { HttpErrorCode } from '../license-server/http/failureStatus.ts';
import { ErrorCode, type ErrorCodeLayers } from '../protocol/errorCodes.ts';
import { FrameErrorCode } from '../protocol/FrameErrorCode.ts';

/**
 * Error codes of the harness itself — scenario files, the runner's fleet and portal look-ups,
 * step expectations, the `fleetrig device` command — beside the codes of the devices and the
 * license server that a step passes through. Stable: scenarios' `expectError` and the CLI's
 * exit codes branch on them.
 */
export const HarnessErrorCode = {
  /** A scenario file or its fleet breaks the scenario format; every error names file, line and field. */
  ScenarioInvalid: 'SCENARIO_INVALID',
  /** `--fleet-shard`: a step of the scenario cannot run on a fleet split across processes (docs/scale.md). */
  ScenarioNotSplittable: 'SCENARIO_NOT_SPLITTABLE',
  /** `--fleet-shard`: the shards could not meet, or one left the run (a shard missing, gone, or running other files). */
  FleetSplitBroken: 'FLEET_SPLIT_BROKEN',
  /** The files or folders given hold no scenario. */
  NoScenarios: 'NO_SCENARIOS',
  /** A step's expectation did not hold: what was expected, what was found, on which device. */
  ExpectationFailed: 'EXPECTATION_FAILED',
  /** No device of the fleet matches the step's device pattern (or the transport has none attached by that ID). */
  NoSuchDevice: 'NO_SUCH_DEVICE',
  /** A selected device is of another family than the step's. */
  WrongFamily: 'WRONG_FAMILY',
  /** The scenario's portal section has no order of that name. */
  NoSuchOrder: 'NO_SUCH_ORDER',
  /** The order has no license of that name or index (or none yet: activate it first). */
  NoSuchLicense: 'NO_SUCH_LICENSE',
  /** The order has fewer unbound licenses than the devices selected. */
  NotEnoughLicenses: 'NOT_ENOUGH_LICENSES',
  /** No SmartServer partner portal customer has that name. */
  NoSuchCustomer: 'NO_SUCH_CUSTOMER',
  /** More than one partner has a customer of that name. */
  AmbiguousCustomer: 'AMBIGUOUS_CUSTOMER',
  /** The video product has shown no request code yet. */
  NoRequestCode: 'NO_REQUEST_CODE',
  /** The scenario kept no response code of that name. */
  NoResponseCode: 'NO_RESPONSE_CODE',
  /** The scenario kept no access token of that name. */
  NoSuchToken: 'NO_SUCH_TOKEN',
  /** `fleetrig device`: no appliance family of that name. */
  UnknownFamily: 'UNKNOWN_FAMILY',
  /** `fleetrig device --serial`: not pty, tcp:PORT or stdio; `serve --serial`: not PATH[@BAUD] items. */
  BadSerial: 'BAD_SERIAL',
  /** `--serial stdio` needs this process's stdin and stdout. */
  NoTerminal: 'NO_TERMINAL',
  /** `--serial pty` needs Debian's socat, which is not installed. */
  SocatMissing: 'SOCAT_MISSING',
  /** socat could not open the pseudo-terminal. */
  PtyFailed: 'PTY_FAILED',
  /** `--serial tcp:PORT`: another program listens on the port. */
  PortInUse: 'PORT_IN_USE',
  /** `--serial tcp:PORT`: the console's TCP server could not listen. */
  TcpFailed: 'TCP_FAILED',
  /** `--broker`: the MQTT broker cannot be reached or refused the device; `serve`: its broker cannot open its port. */
  BrokerUnreachable: 'BROKER_UNREACHABLE',
  /** `serve --store`: the SQLite file or PostgreSQL database cannot be opened. */
  StoreUnavailable: 'STORE_UNAVAILABLE',
  /** `serve --http-port`: the port is taken or cannot be listened on. */
  PortUnavailable: 'PORT_UNAVAILABLE',
  /** `serve --serial`: a serial port cannot be opened at start (no such device, no permission, in use). */
  SerialUnavailable: 'SERIAL_UNAVAILABLE',
  /** `device --server`: the fleetrig service cannot be reached, refused the registration, or keeps no broker users. */
  ServiceUnreachable: 'SERVICE_UNREACHABLE',
  /** `fleetrig credentials --out DIR`: the folder or a file in it could not be written. */
  WriteFailed: 'WRITE_FAILED',
  /** `brokerDown`/`brokerUp`: the run has no MQTT broker to lose (in-memory wires, `--transport memory`). */
  NoBroker: 'NO_BROKER',
  /** `brokerUp`: not every device and the license server were subscribed again within the wait. */
  BrokerNotBack: 'BROKER_NOT_BACK',
} as const;
export type HarnessErrorCode = (typeof HarnessErrorCode)[keyof typeof HarnessErrorCode];

declare module '../protocol/errorCodes.ts' {
  interface ErrorCodeLayers {
    harness: HarnessErrorCode;
  }
}

/**
 * Every layer's code table, by its key in ErrorCodeLayers (protocol/errorCodes.ts), for the
 * docs and checks that must cover every code. A layer registered without its table here, or a
 * code of the union missing from every table, does not compile.
 */
export const ERROR_CODE_TABLES = {
  protocol: { ...ErrorCode, ...FrameErrorCode },
  device: DeviceErrorCode,
  smartserver: SmartServerErrorCode,
  video: VideoErrorCode,
  console: ConsoleErrorCode,
  topic: TopicErrorCode,
  mqttConnect: MqttConnectErrorCode,
  http: HttpErrorCode,
  harness: HarnessErrorCode,
} as const satisfies { readonly [L in keyof ErrorCodeLayers]: Readonly<Record<string, ErrorCodeLayers[L]>> };

type Tables = typeof ERROR_CODE_TABLES;
type Listed = { [L in keyof Tables]: Tables[L][keyof Tables[L]] }[keyof Tables];
type Unlisted = Exclude<ErrorCode, Listed>;
/** Compiles only while every code of the union is in some table above (else its type names the missing ones). */
const _everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** Every error code of every layer, each once. */
export function everyErrorCode(): ErrorCode[] {
  const tables: readonly Readonly<Record<string, ErrorCode>>[] = Object.values(ERROR_CODE_TABLES);
  return [...new Set(tables.flatMap((table) => Object.values(table)))];
}
