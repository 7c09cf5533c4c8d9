import type { SigningKey } from '../../protocol/signing/ed25519.ts';

/**
 * What a board is born with at the factory: its hardware ID (the GW-2 binding target), serial
 * number, install code (the SmartServer's), and the device certificate with the key it
 * certifies (GW-6). Read-only for firmware.
 */
export interface Identity {
  readonly hardwareId: string;
  readonly serialNumber: string;
  readonly installCode: string;
  /** CRT1 blob from protocol/deviceCertificate.ts, signed by the manufacturer key. */
  readonly certificate: string;
  readonly deviceKey: SigningKey;
}
