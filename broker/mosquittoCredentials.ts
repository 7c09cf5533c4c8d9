import { ok, type Result } from '../protocol/result.ts';
import { brokerSecret, LICENSE_SERVER_USER } from './brokerSecret.ts';
import { mosquittoAcl } from './mosquittoAcl.ts';
import { mosquittoPasswordFile } from './mosquittoPasswordFile.ts';

export interface MosquittoCredentialsOptions {
  readonly credentialSeed: number;
  readonly devices: readonly string[];
  /** The service users; the license server alone by default. */
  readonly services?: readonly string[];
}

export interface MosquittoCredentials {
  /** For `password_file`. */
  readonly passwordFile: string;
  /** For `acl_file`. */
  readonly aclFile: string;
}

/** The password file and ACL with which a Mosquitto admits exactly these users, with the passwords fleetrig derives for them. */
export function mosquittoCredentials(options: MosquittoCredentialsOptions): Result<MosquittoCredentials> {
  const services = options.services ?? [LICENSE_SERVER_USER];
  const users = [...services, ...options.devices].map((username) => ({ username, password: brokerSecret({ credentialSeed: options.credentialSeed, username }) }));
  const passwordFile = mosquittoPasswordFile(users);
  if (!passwordFile.ok) return passwordFile;
  const aclFile = mosquittoAcl({ services, devices: options.devices });
  if (!aclFile.ok) return aclFile;
  return ok({ passwordFile: passwordFile.value, aclFile: aclFile.value });
}
