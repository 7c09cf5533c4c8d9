import { fail, ok } from '../protocol/result.ts';
import type { Result } from '../protocol/result.ts';

/** Every fleetrig topic lives under this root; the version lets a v2 run beside v1 on one broker. */
export const TOPIC_ROOT = 'fleetrig/v1';

/** Same bound as the envelope's `deviceId` (protocol/messages/envelope.ts). */
export const DEVICE_ID_MAX_LENGTH = 128;

/** Why a device ID or topic was refused (credentials, ACL, the server endpoint's subscriptions). */
export const TopicErrorCode = {
  /** The device ID is empty, too long, or holds `/ + #`, a space or a control character. */
  DeviceIdInvalid: 'DEVICE_ID_INVALID',
  /** The topic is not `fleetrig/v1/dev/{deviceId}/{req|res|state|cmd}`. */
  TopicInvalid: 'TOPIC_INVALID',
} as const;
export type TopicErrorCode = (typeof TopicErrorCode)[keyof typeof TopicErrorCode];

declare module '../protocol/errorCodes.ts' {
  interface ErrorCodeLayers {
    topic: TopicErrorCode;
  }
}

/**
 * req: device → server requests; res: server → device replies; state: the device's retained
 * state (its last will marks it offline); cmd: commands to the device.
 */
export const DEVICE_TOPIC_KINDS = ['req', 'res', 'state', 'cmd'] as const;
export type DeviceTopicKind = (typeof DEVICE_TOPIC_KINDS)[number];

export type DeviceTopics = Readonly<Record<DeviceTopicKind, string>>;

/** A concrete device topic, as published. */
export interface DeviceTopic {
  readonly deviceId: string;
  readonly kind: DeviceTopicKind;
}

/** A subscription filter: one device, or every device (`+`). */
export interface DeviceFilter {
  readonly deviceId: string | typeof ANY_DEVICE;
  readonly kind: DeviceTopicKind;
}

export const ANY_DEVICE = '+';

const DEVICE_PREFIX = `${TOPIC_ROOT}/dev/`;

/**
 * A device ID becomes one topic level and, on Mosquitto, the `%u` of an ACL pattern, so it must
 * not contain a level separator or wildcard (Mosquitto itself refuses `%u` substitution for
 * such names) nor control characters or spaces, which make log lines ambiguous.
 */
export function validateDeviceId(deviceId: string): Result<string> {
  if (deviceId.length === 0) {
    return fail(TopicErrorCode.DeviceIdInvalid, 'device ID is empty', 'deviceId');
  }
  if (deviceId.length > DEVICE_ID_MAX_LENGTH) {
    return fail(
      TopicErrorCode.DeviceIdInvalid,
      `device ID is ${deviceId.length} characters long; at most ${DEVICE_ID_MAX_LENGTH} are allowed`,
      'deviceId',
    );
  }
  const bad = /[/+#\s\p{Cc}]/u.exec(deviceId);
  if (bad !== null) {
    return fail(
      TopicErrorCode.DeviceIdInvalid,
      `device ID ${JSON.stringify(deviceId)} contains ${JSON.stringify(bad[0])} at position ${bad.index}; '/', '+', '#', spaces and control characters are not allowed`,
      'deviceId',
    );
  }
  return ok(deviceId);
}

/** The four topics of one device. Throws on an invalid ID: callers pass IDs they registered. */
export function deviceTopics(deviceId: string): DeviceTopics {
  const valid = validateDeviceId(deviceId);
  if (!valid.ok) throw new TypeError(`deviceTopics: ${valid.error.message}`);
  return {
    req: deviceTopic(deviceId, 'req'),
    res: deviceTopic(deviceId, 'res'),
    state: deviceTopic(deviceId, 'state'),
    cmd: deviceTopic(deviceId, 'cmd'),
  };
}

/** `fleetrig/v1/dev/+/{kind}` — what the license server and dashboards subscribe to. */
export function anyDeviceFilter(kind: DeviceTopicKind): string {
  return deviceTopic(ANY_DEVICE, kind);
}

/** Reads a published topic; anything outside `fleetrig/v1/dev/{deviceId}/{kind}` is a failure. */
export function parseDeviceTopic(topic: string): Result<DeviceTopic> {
  const parsed = splitDeviceTopic(topic);
  if (!parsed.ok) return parsed;
  const valid = validateDeviceId(parsed.value.deviceId);
  if (!valid.ok) return fail(TopicErrorCode.TopicInvalid, `in topic ${JSON.stringify(topic)}: ${valid.error.message}`, topic);
  return ok({ deviceId: parsed.value.deviceId, kind: parsed.value.kind });
}

/** Reads a subscription filter; the device level may be one device ID or `+`, nothing else. */
export function parseDeviceFilter(filter: string): Result<DeviceFilter> {
  const parsed = splitDeviceTopic(filter);
  if (!parsed.ok) return parsed;
  if (parsed.value.deviceId === ANY_DEVICE) return ok({ deviceId: ANY_DEVICE, kind: parsed.value.kind });
  return parseDeviceTopic(filter);
}

function deviceTopic(deviceLevel: string, kind: DeviceTopicKind): string {
  return `${DEVICE_PREFIX}${deviceLevel}/${kind}`;
}

function splitDeviceTopic(topic: string): Result<{ deviceId: string; kind: DeviceTopicKind }> {
  if (!topic.startsWith(DEVICE_PREFIX)) {
    return fail(TopicErrorCode.TopicInvalid, `topic ${JSON.stringify(topic)} is not under ${DEVICE_PREFIX}`, topic);
  }
  const levels = topic.slice(DEVICE_PREFIX.length).split('/');
  const [deviceId, kind] = levels;
  if (levels.length !== 2 || deviceId === undefined || kind === undefined) {
    return fail(TopicErrorCode.TopicInvalid, `topic ${JSON.stringify(topic)} is not ${DEVICE_PREFIX}{deviceId}/{kind}`, topic);
  }
  if (!isDeviceTopicKind(kind)) {
    return fail(
      TopicErrorCode.TopicInvalid,
      `topic ${JSON.stringify(topic)} ends in ${JSON.stringify(kind)}; expected one of ${DEVICE_TOPIC_KINDS.join(', ')}`,
      topic,
    );
  }
  return ok({ deviceId, kind });
}

function isDeviceTopicKind(kind: string): kind is DeviceTopicKind {
  return (DEVICE_TOPIC_KINDS as readonly string[]).includes(kind);
}
