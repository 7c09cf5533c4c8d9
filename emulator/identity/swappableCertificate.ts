import type { Identity } from './Identity.ts';

/**
 * An identity whose certificate a fault can swap (TM-4): forged, missing, another board's. Only
 * the certificate changes — the hardware ID and the device key stay the board's own — which is
 * what a tampered or cloned unit presents. Firmware reads `certificate` at each request, so a
 * swap takes effect from the next one.
 */
export interface SwappableCertificate {
  readonly identity: Identity;
  /** Presents `certificate` instead of the factory's ('' for none) until `restore`. */
  present(certificate: string): void;
  restore(): void;
}

export function swappableCertificate(base: Identity): SwappableCertificate {
  let presented = base.certificate;
  const identity: Identity = {
    hardwareId: base.hardwareId,
    serialNumber: base.serialNumber,
    installCode: base.installCode,
    deviceKey: base.deviceKey,
    get certificate() {
      return presented;
    },
  };
  return {
    identity,
    present(certificate) {
      presented = certificate;
    },
    restore() {
      presented = base.certificate;
    },
  };
}
