import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../protocol/result.ts';
import { MOSQUITTO_PBKDF2_ITERATIONS, mosquittoPasswordFile, mosquittoPasswordLine } from './mosquittoPasswordFile.ts';

/** What Mosquitto does with a `$7$` line, written from its format alone. */
function verify(line: string, username: string, password: string): boolean {
  const match = /^([^:]+):\$7\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(line);
  if (match === null || match[1] !== username) return false;
  const salt = Buffer.from(match[3]!, 'base64');
  const hash = Buffer.from(match[4]!, 'base64');
  const computed = pbkdf2Sync(password, salt, Number(match[2]), hash.length, 'sha512');
  return timingSafeEqual(computed, hash);
}

// Written by Debian's mosquitto_passwd 2.0.11: `mosquitto_passwd -c -b FILE alice secret`.
const FROM_MOSQUITTO_PASSWD = 'alice:$7$101$tCJVDdXv2DqtgdGf$8fBSYfoIUcwnlwihxcGbfUwWmsIv7uAFwn0Po9yTnqIY7dtlCJPigyg/iEsleIcQHed1wFiFwlaH6hwyhuM4Lw==';

describe('mosquittoPasswordFile', () => {
  it('the verifier reads mosquitto_passwd\'s own line, so it checks the real format', () => {
    expect(verify(FROM_MOSQUITTO_PASSWD, 'alice', 'secret')).toBe(true);
    expect(verify(FROM_MOSQUITTO_PASSWD, 'alice', 'secreT')).toBe(false);
  });

  it('writes lines shaped like mosquitto_passwd\'s that verify with the password and no other', () => {
    const line = unwrap(mosquittoPasswordLine({ username: 'alice', password: 'secret' }));
    const [, , rounds, salt, hash] = line.split('$');
    const [, , theirRounds, theirSalt, theirHash] = FROM_MOSQUITTO_PASSWD.split('$');
    expect(Number(rounds)).toBe(MOSQUITTO_PBKDF2_ITERATIONS);
    expect(rounds).toBe(theirRounds);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(Buffer.from(theirSalt!, 'base64').length);
    expect(hash).toHaveLength(theirHash!.length);
    expect(verify(line, 'alice', 'secret')).toBe(true);
    expect(verify(line, 'alice', 'secret2')).toBe(false);
    expect(verify(line, 'bob', 'secret')).toBe(false);
  });

  it('gives the same bytes for the same users, and a salt of its own to each user', () => {
    const users = [{ username: 'license-server', password: 'a'.repeat(32) }, { username: 'gw-001', password: 'a'.repeat(32) }];
    const file = unwrap(mosquittoPasswordFile(users));
    expect(unwrap(mosquittoPasswordFile(users))).toBe(file);
    const lines = file.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(verify(lines[0]!, 'license-server', 'a'.repeat(32))).toBe(true);
    expect(verify(lines[1]!, 'gw-001', 'a'.repeat(32))).toBe(true);
    expect(lines[0]!.split('$')[3]).not.toBe(lines[1]!.split('$')[3]);
  });

  it('refuses names Mosquitto would split or misread, and empty passwords', () => {
    for (const username of ['', 'a:b', 'a b', 'a\nb']) {
      const line = mosquittoPasswordLine({ username, password: 'x' });
      expect(line.ok ? 'ok' : line.error.code).toBe('DEVICE_ID_INVALID');
    }
    const empty = mosquittoPasswordFile([{ username: 'gw-001', password: 'x' }, { username: 'gw-002', password: '' }]);
    expect(empty.ok ? 'ok' : empty.error).toMatchObject({ code: 'BAD_REQUEST', where: 'password' });
  });
});
