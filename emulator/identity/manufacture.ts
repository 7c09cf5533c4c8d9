import type { Clock } from '../clock/Clock.ts';
import type { Random } from '../random/Random.ts';
import type { Identity } from './Identity.ts';
import { signingKeyFromSeed, type SigningKey } from '../../protocol/signing/ed25519.ts';
import { issueCertificate } from '../../protocol/deviceCertificate.ts';
import { ALPHABET, group } from '../../protocol/codes/base32.ts';

/** The first half of every hardware ID: innovaphone's IEEE OUI, as on the real gateways. */
export const HARDWARE_ID_OUI = '009033';
export const SERIAL_PREFIX = 'FR';

// Six random hex digits give 16 million IDs: a fleet of thousands would collide by birthday
// chance, so the factory re-draws. Far below this many tries, the ID space is simply full.
const MAX_HARDWARE_ID_DRAWS = 1000;

/**
 * The production line: it holds the manufacturer key that signs device certificates (GW-6) and
 * remembers the hardware IDs it has given out, so no two boards it builds share one (GW-2).
 */
export class Factory {
  readonly manufacturerKey: SigningKey;
  readonly manufacturerPublicKey: string;
  readonly clock: Clock;
  #hardwareIds = new Set<string>();

  constructor(options: { manufacturerKey: SigningKey; clock: Clock }) {
    this.manufacturerKey = options.manufacturerKey;
    this.manufacturerPublicKey = options.manufacturerKey.publicKey;
    this.clock = options.clock;
  }

  /** Claims a hardware ID for a new board; false if this factory already gave it out. */
  claimHardwareId(hardwareId: string): boolean {
    if (this.#hardwareIds.has(hardwareId)) return false;
    this.#hardwareIds.add(hardwareId);
    return true;
  }

  /** Number of boards built so far. */
  built(): number {
    return this.#hardwareIds.size;
  }
}

export function createFactory(options: { random: Random; clock: Clock }): Factory {
  return new Factory({
    manufacturerKey: signingKeyFromSeed(options.random.fork('manufacturer').bytes(32)),
    clock: options.clock,
  });
}

export interface ManufactureOptions {
  /** The board's own random stream; the same stream always yields the same identity. */
  random: Random;
  /** Appliance family (e.g. `gateway`); boards of different families drawn from one stream differ. */
  family: string;
}

/**
 * Builds one board's identity: hardware ID, serial number, install code, device key and the
 * certificate binding the key to the hardware ID and install code. Each part is drawn from its own fork, so
 * adding a part later does not change the others for an existing seed.
 */
export function manufacture(factory: Factory, options: ManufactureOptions): Identity {
  if (options.family.trim() === '') throw new RangeError('manufacture: family must be a non-empty name');
  const random = options.random.fork(`identity:${options.family}`);
  const hardwareId = drawHardwareId(factory, random.fork('hardware-id'));
  const serialNumber = SERIAL_PREFIX + base32(random.fork('serial-number'), 10);
  const installCode = group(base32(random.fork('install-code'), 16), [4, 4, 4, 4]);
  const deviceKey = signingKeyFromSeed(random.fork('device-key').bytes(32));
  const certificate = issueCertificate(
    { hardwareId, serialNumber, installCode, devicePublicKey: deviceKey.publicKey, issuedAt: factory.clock.now() },
    factory.manufacturerKey,
  );
  return { hardwareId, serialNumber, installCode, certificate, deviceKey };
}

function drawHardwareId(factory: Factory, random: Random): string {
  for (let i = 0; i < MAX_HARDWARE_ID_DRAWS; i++) {
    const candidate = HARDWARE_ID_OUI + random.hex(3).toUpperCase();
    if (factory.claimHardwareId(candidate)) return candidate;
  }
  throw new RangeError(`manufacture: no free hardware ID after ${MAX_HARDWARE_ID_DRAWS} draws; the factory has built ${factory.built()} boards`);
}

/** `length` characters of Crockford base 32 drawn from `random`: serial numbers, install codes. */
export function base32(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[random.int(0, ALPHABET.length)]!;
  return out;
}
