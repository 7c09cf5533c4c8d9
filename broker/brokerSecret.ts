import { createHmac } from 'node:crypto';

/** The license server's username on every broker (docs/protocol.md §2, docs/mosquitto.md). */
export const LICENSE_SERVER_USER = 'license-server';

export interface BrokerSecretOptions {
  /**
   * The run-level credential seed (`--credentials-seed`, FLEETRIG_CREDENTIALS_SEED, or the run
   * seed; docs/decisions.md, *Broker credentials*). The only secret input: whoever knows it
   * knows every password.
   */
  readonly credentialSeed: number | string;
  /** A device ID or a service name. */
  readonly username: string;
}

/**
 * The broker password of one user: HMAC-SHA256 keyed by the credential seed over the username,
 * its first 16 bytes as 32 hex digits. It depends on nothing else — not the scenario, file or
 * process — so one password file serves every scenario of every run with that seed, and the
 * same device ID (gw-001 recurs in many scenarios) always has the same password.
 */
export function brokerSecret(options: BrokerSecretOptions): string {
  return createHmac('sha256', `fleetrig/mqtt-credentials/v1\n${options.credentialSeed}`)
    .update(options.username, 'utf8')
    .digest()
    .subarray(0, 16)
    .toString('hex');
}
