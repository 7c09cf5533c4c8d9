import { pbkdf2Sync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokerSecret } from '../../../broker/brokerSecret.ts';
import { main } from '../cli.ts';
import { fakeIo } from '../fakeCli.fixture.ts';

const repo = join(import.meta.dirname, '..', '..', '..');
const scratch = (): string => mkdtempSync(join(tmpdir(), 'fleetrig-credentials-'));

/** Mosquitto's check of a `$7$` line, written from the format alone. */
function passwordOf(file: string, username: string): (password: string) => boolean {
  const line = file.split('\n').find((l) => l.startsWith(`${username}:`));
  if (line === undefined) throw new Error(`no line for ${username}`);
  const [, , rounds, salt, hash] = line.slice(username.length + 1).split('$');
  return (password) => pbkdf2Sync(password, Buffer.from(salt!, 'base64'), Number(rounds), 64, 'sha512').toString('base64') === hash;
}

describe('fleetrig credentials', () => {
  it('writes a password file and ACL for every device of the scenarios and the license server, with the run\'s passwords', async () => {
    const out = join(scratch(), 'new', 'folder');
    const t = fakeIo();
    const paths = [join(repo, 'scenarios', 'gateway', 'move-license.yaml'), join(repo, 'scenarios', 'smartserver')];
    expect(await main(['credentials', ...paths, '--out', out, '--seed', '5'], t.io)).toBe(0);
    expect(t.stdout()).toBe(`${join(out, 'fleetrig.passwd')}\n${join(out, 'fleetrig.acl')}\n`);
    expect(t.stderr()).toMatch(/users \(license-server and \d+ devices of \d+ scenarios in 9 files\), credential seed 5;/);

    const passwd = readFileSync(join(out, 'fleetrig.passwd'), 'utf8');
    const users = passwd.trimEnd().split('\n').map((l) => l.slice(0, l.indexOf(':')));
    expect(users[0]).toBe('license-server');
    expect(users).toEqual(expect.arrayContaining(['gw-001', 'gw-002', 'ss-001']));
    expect(new Set(users).size).toBe(users.length);
    for (const user of ['license-server', 'gw-002', 'ss-001']) {
      const verify = passwordOf(passwd, user);
      expect(verify(brokerSecret({ credentialSeed: 5, username: user }))).toBe(true);
      expect(verify(brokerSecret({ credentialSeed: 6, username: user }))).toBe(false);
    }
    expect(statSync(join(out, 'fleetrig.passwd')).mode & 0o777).toBe(0o600);

    const acl = readFileSync(join(out, 'fleetrig.acl'), 'utf8');
    expect(acl).toContain('user gw-002\ntopic write fleetrig/v1/dev/gw-002/req\ntopic write fleetrig/v1/dev/gw-002/state\ntopic read fleetrig/v1/dev/gw-002/res\ntopic read fleetrig/v1/dev/gw-002/cmd\n');
    expect(acl).toContain('user license-server\ntopic write fleetrig/v1/dev/+/res\ntopic write fleetrig/v1/dev/+/cmd\ntopic read fleetrig/v1/dev/+/req\ntopic read fleetrig/v1/dev/+/state\n');
    expect(acl.match(/^user /gm)).toHaveLength(users.length);
  });

  it('covers the bundled scenarios without a path, the 1 000-gateway fleet included; same seed, same bytes', async () => {
    const [a, b] = [scratch(), scratch()];
    expect(await main(['credentials', '--out', a, '--seed', '7'], fakeIo().io)).toBe(0);
    expect(await main(['credentials', '--out', b], fakeIo({ env: { FLEETRIG_CREDENTIALS_SEED: '7' } }).io)).toBe(0);
    const passwd = readFileSync(join(a, 'fleetrig.passwd'), 'utf8');
    expect(readFileSync(join(b, 'fleetrig.passwd'), 'utf8')).toBe(passwd);
    expect(readFileSync(join(b, 'fleetrig.acl'), 'utf8')).toBe(readFileSync(join(a, 'fleetrig.acl'), 'utf8'));
    for (const user of ['gw-001', 'gw-0001', 'gw-1000', 'ss-001', 'audio-001']) expect(passwd).toMatch(new RegExp(`^${user}:\\$7\\$101\\$`, 'm'));
  });

  it('picks and prints a credential seed when none is given', async () => {
    const t = fakeIo();
    expect(await main(['credentials', join(repo, 'scenarios', 'gateway', 'move-license.yaml'), '--out', scratch()], t.io)).toBe(0);
    expect(t.stderr()).toMatch(/credential seed (\d+) \(picked; pass --seed \1 to write the same files again\)/);
  });

  it.each([
    [['--seed', '-1'], /option '--seed <n>' argument '-1' is invalid/],
    [['--seed', 'abc'], /option '--seed <n>' argument 'abc' is invalid/],
    [['--format', 'htpasswd'], /option '--format <format>' argument 'htpasswd' is invalid. Allowed choices are mosquitto/],
    [['--no-such-flag'], /unknown option '--no-such-flag'/],
    [['no/such/dir'], /no\/such\/dir: no such file or directory/],
  ])('exits 2 on bad input %j with a one-line reason', async (args, reason) => {
    const t = fakeIo();
    expect(await main(['credentials', ...args, '--out', scratch()], t.io)).toBe(2);
    expect(t.stderr()).toMatch(reason);
  });

  it('exits 2 on a bad FLEETRIG_CREDENTIALS_SEED and on an invalid scenario, writing nothing', async () => {
    const out = scratch();
    const env = fakeIo({ env: { FLEETRIG_CREDENTIALS_SEED: '1.5' } });
    expect(await main(['credentials', '--out', out], env.io)).toBe(2);
    expect(env.stderr()).toBe("fleetrig credentials: environment variable FLEETRIG_CREDENTIALS_SEED '1.5' is invalid. It must be a non-negative integer, e.g. --seed 42.\n");
    const bad = join(scratch(), 'bad.yaml');
    writeFileSync(bad, 'name: x\nfleet: [{ family: gatewy }]\nsteps: [{ wait: 1s }]\n');
    const t = fakeIo();
    expect(await main(['credentials', bad, '--out', out, '--seed', '1'], t.io)).toBe(2);
    expect(t.stderr()).toMatch(/bad\.yaml:2:\d+: fleet\[0\]\.family: unknown family 'gatewy'/);
    expect(() => statSync(join(out, 'fleetrig.passwd'))).toThrow();
  });

  it('exits 1 with WRITE_FAILED\'s reason when the folder cannot be written', async () => {
    const file = join(scratch(), 'a-file');
    writeFileSync(file, '');
    const t = fakeIo();
    expect(await main(['credentials', join(repo, 'scenarios', 'gateway', 'move-license.yaml'), '--out', file, '--seed', '1'], t.io)).toBe(1);
    expect(t.stderr()).toMatch(/^fleetrig credentials: cannot write the credentials to .*a-file: /);
    expect(t.stderr().trimEnd().split('\n')).toHaveLength(1);
  });

  it('documents itself in --help', async () => {
    const t = fakeIo();
    expect(await main(['credentials', '--help'], t.io)).toBe(0);
    for (const text of ['--format', '--out', '--seed', 'FLEETRIG_CREDENTIALS_SEED', 'fleetrig.passwd', 'fleetrig.acl', '--credentials-seed', 'Exit codes']) expect(t.stdout()).toContain(text);
    const top = fakeIo();
    await main(['--help'], top.io);
    expect(top.stdout()).toMatch(/credentials .*password file and ACL/);
  });
});
