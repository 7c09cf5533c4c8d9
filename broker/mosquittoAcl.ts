import { ok, type Result } from '../protocol/result.ts';
import { DEVICE_PUBLISHES, DEVICE_SUBSCRIBES, SERVICE_PUBLISHES, SERVICE_SUBSCRIBES } from './acl.ts';
import { ANY_DEVICE, TOPIC_ROOT, validateDeviceId } from './topics.ts';

export interface MosquittoAclOptions {
  /** Service usernames (the license server): `res` and `cmd` of any device out, `req` and `state` of all in. */
  readonly services: readonly string[];
  readonly devices: readonly string[];
}

/**
 * A Mosquitto `acl_file` with the rules of broker/acl.ts (docs/protocol.md §2): one `user`
 * block per service and per device, each naming the device's own topics. Per-user blocks
 * rather than `pattern … %u` lines, because a pattern also applies to the services (the
 * license server could then publish as a device named `license-server`).
 */
export function mosquittoAcl(options: MosquittoAclOptions): Result<string> {
  const lines = [
    '# fleetrig topic ACL (docs/protocol.md §2), written by `fleetrig credentials`: the rules of broker/acl.ts.',
    '# No rule before the first `user` line, so anonymous clients get nothing.',
    '',
    '# Services: answer and command any device, read every request and state.',
  ];
  for (const service of options.services) {
    // A username is one token of an ACL line and a device ID one topic level: the same rules hold.
    const valid = validateDeviceId(service);
    if (!valid.ok) return valid;
    // The barrier of a fleet split across processes (docs/scale.md) meets on the services' own topics.
    lines.push(...block(service, ANY_DEVICE, SERVICE_PUBLISHES, SERVICE_SUBSCRIBES).slice(0, -1), `topic readwrite ${TOPIC_ROOT}/fleet/#`, '');
  }
  lines.push('# Devices (username = device ID): publish their own req and state, receive their own res and cmd.');
  for (const device of options.devices) {
    const valid = validateDeviceId(device);
    if (!valid.ok) return valid;
    lines.push(...block(device, device, DEVICE_PUBLISHES, DEVICE_SUBSCRIBES));
  }
  return ok(`${lines.join('\n')}\n`);
}

function block(user: string, deviceId: string, writes: readonly string[], reads: readonly string[]): string[] {
  const topic = (kind: string): string => `${TOPIC_ROOT}/dev/${deviceId}/${kind}`;
  return [`user ${user}`, ...writes.map((k) => `topic write ${topic(k)}`), ...reads.map((k) => `topic read ${topic(k)}`), ''];
}
