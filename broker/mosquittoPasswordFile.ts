import { createHash, pbkdf2Sync } from 'node:crypto';
import { ErrorCode } from '../protocol/errorCodes.ts';
import { fail, ok, type Result } from '../protocol/result.ts';
import { TopicErrorCode } from './topics.ts';

/** What Mosquitto 2.0's `mosquitto_passwd` uses for `$7$` (sha512-pbkdf2): 101 rounds, 12-byte salt, 64-byte key. */
export const MOSQUITTO_PBKDF2_ITERATIONS = 101;
const SALT_BYTES = 12;
const KEY_BYTES = 64;

export interface BrokerUser {
  readonly username: string;
  readonly password: string;
}

/**
 * A Mosquitto `password_file`: one `username:$7$101$<salt>$<hash>` line per user, the hash
 * PBKDF2-HMAC-SHA512 of the password over the salt, both base64 — the format `mosquitto_passwd`
 * writes (checked against Mosquitto 2.0.11). The salt is derived from the username and
 * password rather than drawn, so the same users give the same file, byte for byte, and a
 * config-management diff shows only real changes; it is still unique per user and password.
 */
export function mosquittoPasswordFile(users: readonly BrokerUser[]): Result<string> {
  const lines: string[] = [];
  for (const user of users) {
    const line = mosquittoPasswordLine(user);
    if (!line.ok) return line;
    lines.push(line.value);
  }
  return ok(lines.map((line) => `${line}\n`).join(''));
}

export function mosquittoPasswordLine(user: BrokerUser): Result<string> {
  const { username, password } = user;
  // Mosquitto splits a line at its first ':', and reads one line per user.
  if (username.length === 0 || /[:\s\p{Cc}]/u.test(username)) {
    return fail(TopicErrorCode.DeviceIdInvalid, `${JSON.stringify(username)} cannot be a Mosquitto username: it must be non-empty, without ':', spaces or control characters`, 'username');
  }
  if (password.length === 0) return fail(ErrorCode.BadRequest, `password for ${JSON.stringify(username)} is empty`, 'password');
  const salt = createHash('sha512').update(`fleetrig mosquitto salt\n${username}\n${password}`).digest().subarray(0, SALT_BYTES);
  const hash = pbkdf2Sync(password, salt, MOSQUITTO_PBKDF2_ITERATIONS, KEY_BYTES, 'sha512');
  return ok(`${username}:$7$${MOSQUITTO_PBKDF2_ITERATIONS}$${salt.toString('base64')}$${hash.toString('base64')}`);
}
