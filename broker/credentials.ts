import { createHash, timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '../protocol/errorCodes.ts';
import { fail, ok } from '../protocol/result.ts';
import type { Result } from '../protocol/result.ts';
import { DEVICE_ID_MAX_LENGTH, validateDeviceId } from './topics.ts';

/** Who a connection speaks for, once its username and password have checked out. */
export type Principal =
  | { readonly kind: 'device'; readonly deviceId: string }
  | { readonly kind: 'service'; readonly name: string };

/**
 * The broker's user registry: one secret per device (username = device ID) and per service
 * (license server, harness, dashboard). Usernames share one namespace, so a service can never
 * be mistaken for a device or the other way round. Secrets are kept only as SHA-256 digests.
 */
export interface Credentials {
  /** Registers a device or replaces its secret (rotation). */
  addDevice(deviceId: string, secret: string): Result<void>;
  /** Registers a device by the SHA-256 digest of its secret (hex), as a store keeps it. */
  addDeviceDigest(deviceId: string, digestHex: string): Result<void>;
  /** Registers a service or replaces its secret. */
  addService(name: string, secret: string): Result<void>;
  removeDevice(deviceId: string): void;
  isDevice(deviceId: string): boolean;
  /** The principal whose secret matches, or undefined for an unknown user or wrong password. */
  verify(username: string | undefined, password: string | Uint8Array | undefined): Principal | undefined;
}

export function createCredentials(): Credentials {
  const users = new Map<string, { principal: Principal; digest: Buffer }>();
  // Compared against when the user is unknown, so both failures cost the same.
  const decoy = digestOf('');

  function add(principal: Principal, username: string, secret: string): Result<void> {
    if (secret.length === 0) return fail(ErrorCode.BadRequest, `secret for ${JSON.stringify(username)} is empty`, 'secret');
    return put(principal, username, digestOf(secret));
  }

  /** Registers by digest; a username keeps its kind (a service is never turned into a device). */
  function put(principal: Principal, username: string, digest: Buffer): Result<void> {
    const existing = users.get(username);
    if (existing !== undefined && existing.principal.kind !== principal.kind) {
      return fail(ErrorCode.Conflict, `username ${JSON.stringify(username)} is already registered as a ${existing.principal.kind}`, 'username');
    }
    users.set(username, { principal, digest });
    return ok(undefined);
  }

  return {
    addDevice(deviceId, secret) {
      const valid = validateDeviceId(deviceId);
      if (!valid.ok) return valid;
      return add({ kind: 'device', deviceId }, deviceId, secret);
    },
    addDeviceDigest(deviceId, digestHex) {
      const valid = validateDeviceId(deviceId);
      if (!valid.ok) return valid;
      if (!/^[0-9a-f]{64}$/.test(digestHex)) return fail(ErrorCode.BadRequest, 'a secret digest is 64 lower-case hex digits (SHA-256)', 'digest');
      return put({ kind: 'device', deviceId }, deviceId, Buffer.from(digestHex, 'hex'));
    },
    addService(name, secret) {
      if (name.length === 0 || name.length > DEVICE_ID_MAX_LENGTH) {
        return fail(ErrorCode.BadRequest, `service name must be 1 to ${DEVICE_ID_MAX_LENGTH} characters`, 'name');
      }
      return add({ kind: 'service', name }, name, secret);
    },
    removeDevice(deviceId) {
      if (users.get(deviceId)?.principal.kind === 'device') users.delete(deviceId);
    },
    isDevice(deviceId) {
      return users.get(deviceId)?.principal.kind === 'device';
    },
    verify(username, password) {
      const user = username === undefined ? undefined : users.get(username);
      const given = digestOf(password ?? '');
      const matches = timingSafeEqual(given, user?.digest ?? decoy);
      return user !== undefined && matches ? user.principal : undefined;
    },
  };
}

/** SHA-256 of a secret: what the registry keeps, and what a store may keep in its place. */
export function digestOf(secret: string | Uint8Array): Buffer {
  return createHash('sha256').update(secret).digest();
}
