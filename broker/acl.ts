import { ErrorCode } from '../protocol/errorCodes.ts';
import { fail, ok } from '../protocol/result.ts';
import type { Result } from '../protocol/result.ts';
import type { Credentials, Principal } from './credentials.ts';
import { ANY_DEVICE, parseDeviceFilter, parseDeviceTopic } from './topics.ts';
import type { DeviceTopicKind } from './topics.ts';

/**
 * The topic ACL as pure decisions, so it can be read and tested without a broker. docs/mosquitto.md
 * gives the same rules as a Mosquitto acl_file.
 *
 * A device may publish its own `req` and `state` and subscribe its own `res` and `cmd`, nothing
 * else — no wildcards, not even over its own topics. A service (license server, harness,
 * dashboard) may publish `res` and `cmd` for any one device and subscribe `req` and `state` of
 * one device or of all (`+`).
 */
export const DEVICE_PUBLISHES: readonly DeviceTopicKind[] = ['req', 'state'];
export const DEVICE_SUBSCRIBES: readonly DeviceTopicKind[] = ['res', 'cmd'];
export const SERVICE_PUBLISHES: readonly DeviceTopicKind[] = ['res', 'cmd'];
export const SERVICE_SUBSCRIBES: readonly DeviceTopicKind[] = ['req', 'state'];

export function mayPublish(principal: Principal, topic: string): Result<void> {
  const parsed = parseDeviceTopic(topic);
  if (!parsed.ok) return forbidden(`${principalName(principal)} may not publish outside the device topics: ${parsed.error.message}`, topic);
  const { deviceId, kind } = parsed.value;
  if (principal.kind === 'service') {
    if (SERVICE_PUBLISHES.includes(kind)) return ok(undefined);
    return forbidden(`service ${JSON.stringify(principal.name)} may publish only ${SERVICE_PUBLISHES.join(' and ')}, not ${kind}`, topic);
  }
  if (deviceId !== principal.deviceId) {
    return forbidden(`device ${JSON.stringify(principal.deviceId)} may not publish to device ${JSON.stringify(deviceId)}`, topic);
  }
  if (!DEVICE_PUBLISHES.includes(kind)) {
    return forbidden(`device ${JSON.stringify(principal.deviceId)} may publish only its ${DEVICE_PUBLISHES.join(' and ')}, not ${kind}`, topic);
  }
  return ok(undefined);
}

export function maySubscribe(principal: Principal, filter: string): Result<void> {
  const parsed = parseDeviceFilter(filter);
  if (!parsed.ok) return forbidden(`${principalName(principal)} may not subscribe outside the device topics: ${parsed.error.message}`, filter);
  const { deviceId, kind } = parsed.value;
  if (principal.kind === 'service') {
    if (SERVICE_SUBSCRIBES.includes(kind)) return ok(undefined);
    return forbidden(`service ${JSON.stringify(principal.name)} may subscribe only ${SERVICE_SUBSCRIBES.join(' and ')}, not ${kind}`, filter);
  }
  if (deviceId === ANY_DEVICE) {
    return forbidden(`device ${JSON.stringify(principal.deviceId)} may not subscribe with a wildcard`, filter);
  }
  if (deviceId !== principal.deviceId) {
    return forbidden(`device ${JSON.stringify(principal.deviceId)} may not subscribe to device ${JSON.stringify(deviceId)}`, filter);
  }
  if (!DEVICE_SUBSCRIBES.includes(kind)) {
    return forbidden(`device ${JSON.stringify(principal.deviceId)} may subscribe only its ${DEVICE_SUBSCRIBES.join(' and ')}, not ${kind}`, filter);
  }
  return ok(undefined);
}

/**
 * A broker drops the older session when a second one connects with the same client ID, and
 * fires its last will. So a device must connect as itself, and a service must not take a
 * device's ID — otherwise either could knock a device offline.
 */
export function mayUseClientId(principal: Principal, clientId: string, credentials: Credentials): Result<void> {
  if (principal.kind === 'device' && clientId !== principal.deviceId) {
    return forbidden(`device ${JSON.stringify(principal.deviceId)} must connect with client ID = its device ID, not ${JSON.stringify(clientId)}`, clientId);
  }
  if (principal.kind === 'service' && credentials.isDevice(clientId)) {
    return forbidden(`service ${JSON.stringify(principal.name)} may not use device ${JSON.stringify(clientId)}'s client ID`, clientId);
  }
  return ok(undefined);
}

export function principalName(principal: Principal): string {
  return principal.kind === 'device' ? `device ${JSON.stringify(principal.deviceId)}` : `service ${JSON.stringify(principal.name)}`;
}

function forbidden(message: string, where: string): Result<never> {
  return fail(ErrorCode.Forbidden, message, where);
}
