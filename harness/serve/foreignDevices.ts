import { z } from 'zod';
import { digestOf } from '../../broker/credentials.ts';
import type { Clock } from '../../emulator/clock/Clock.ts';
import { base32, HARDWARE_ID_OUI, SERIAL_PREFIX, type Factory } from '../../emulator/identity/manufacture.ts';
import type { Random } from '../../emulator/random/Random.ts';
import { group } from '../../protocol/codes/base32.ts';
import { issueCertificate } from '../../protocol/deviceCertificate.ts';
import { parseValue } from '../../protocol/messages/envelope.ts';
import type { Result as ProtocolResult } from '../../protocol/result.ts';
import { fail, ok, type Result } from '../../license-server/core/result.ts';
import { signingKeyFromSeed } from '../../protocol/signing/ed25519.ts';
import type { Store } from '../../license-server/store/Store.ts';

/** What `POST /api/v1/devices` answers: everything a foreign device needs to talk to the rig. */
export interface RegisteredDevice {
  deviceId: string;
  family: string;
  hardwareId: string;
  serialNumber: string;
  installCode: string;
  /** Where and as whom to connect; `password` only when the embedded broker keeps the users. */
  mqtt: { url: string; username: string; password?: string };
  /** CRT1 certificate from the emulated manufacturer, for the device's public key. */
  certificate: string;
  /** The device's public key (raw Ed25519, base64url). */
  publicKey: string;
  /** Only when the rig made the key pair: the raw 32-byte Ed25519 private key (seed), base64url, shown this once. */
  privateKey?: string;
}

export interface ForeignDevicesOptions {
  store: Store;
  clock: Clock;
  /** Draws hardware IDs, serials, install codes, key pairs and secrets; salted per start by the caller. */
  random: Random;
  factory: Factory;
  /** Family name → device ID prefix, for the families a foreign device may claim to be. */
  prefixes: ReadonlyMap<string, string>;
  mqttUrl: string;
  /** Lets the device log in to the broker (embedded broker only); fails with an external one. */
  admit(deviceId: string, secretDigest: string): ProtocolResult<void>;
}

const KIND = 'service.device';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/;

/**
 * Devices fleetrig does not emulate — a firmware developer's own — registered with the rig:
 * given a broker login and a device certificate signed by the emulated manufacturer, so they
 * act as any emulated device would. Kept in the store (the secret as its SHA-256 digest only),
 * so they can log in again after the service restarts.
 */
export interface ForeignDevices {
  register(input: unknown): Promise<Result<RegisteredDevice>>;
  /** Admits every device registered on the store before, at start-up. */
  restore(): Promise<number>;
}

export function createForeignDevices(options: ForeignDevicesOptions): ForeignDevices {
  const { store, random, factory } = options;
  const families = [...options.prefixes.keys()] as [string, ...string[]];
  const input = z.object({
    family: z.enum(families),
    hardwareId: z.string().min(1).max(128).regex(NAME, 'letters, digits and . _ : @ - only').optional(),
    /** Raw Ed25519 public key, base64url (43 characters); the rig makes a key pair when absent. */
    publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a raw Ed25519 public key in base64url (43 characters)').optional(),
  }).strict();

  return {
    async register(raw) {
      const parsed = parseValue(raw, input, 'device registration');
      if (!parsed.ok) return parsed;
      const { family, publicKey: given } = parsed.value;
      const prefix = options.prefixes.get(family)!;
      const draw = random.fork(`registration/${random.hex(8)}`);
      // One character longer than an emulated board's, so the two can never collide.
      const hardwareId = parsed.value.hardwareId ?? `${HARDWARE_ID_OUI}F${draw.fork('hardware-id').hex(3).toUpperCase()}`;
      // The raw seed is the private key the caller gets back when the rig makes the pair.
      const seed = given === undefined ? draw.fork('device-key').bytes(32) : undefined;
      const publicKey = given ?? signingKeyFromSeed(seed!).publicKey;
      const serialNumber = SERIAL_PREFIX + base32(draw.fork('serial-number'), 10);
      const installCode = group(base32(draw.fork('install-code'), 16), [4, 4, 4, 4]);
      const secret = draw.fork('secret').hex(16);
      const secretDigest = digestOf(secret).toString('hex');
      const certificate = issueCertificate({ hardwareId, serialNumber, installCode, devicePublicKey: publicKey, issuedAt: options.clock.now() }, factory.manufacturerKey);

      const saved = await store.transaction(async (tx): Promise<Result<string>> => {
        const registered = await tx.records.list(KIND);
        if (registered.some((r) => r.data.hardwareId === hardwareId)) {
          return fail('CONFLICT', `hardware ID ${hardwareId} is already registered`, 'hardwareId');
        }
        const ofFamily = registered.filter((r) => r.data.family === family).length;
        const deviceId = `${prefix}-x${String(ofFamily + 1).padStart(3, '0')}`;
        await tx.records.insert({
          kind: KIND, id: deviceId, accountId: null, updatedAt: options.clock.now(),
          data: { family, hardwareId, serialNumber, installCode, publicKey, certificate, secretDigest },
        });
        return ok(deviceId);
      });
      if (!saved.ok) return saved;
      const deviceId = saved.value;
      const admitted = options.admit(deviceId, secretDigest);
      const mqtt = admitted.ok ? { url: options.mqttUrl, username: deviceId, password: secret } : { url: options.mqttUrl, username: deviceId };
      return ok({
        deviceId, family, hardwareId, serialNumber, installCode, mqtt, certificate, publicKey,
        ...(seed === undefined ? {} : { privateKey: Buffer.from(seed).toString('base64url') }),
      });
    },

    async restore() {
      const registered = await store.transaction((tx) => tx.records.list(KIND));
      for (const record of registered) options.admit(record.id, String(record.data.secretDigest));
      return registered.length;
    },
  };
}
