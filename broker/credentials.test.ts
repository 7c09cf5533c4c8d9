import { describe, expect, it } from 'vitest';
import { createCredentials } from './credentials.ts';

describe('credentials', () => {
  it('[ACL] accepts a device or service only with its own secret', () => {
    const credentials = createCredentials();
    expect(credentials.addDevice('gw-1', 's3cret').ok).toBe(true);
    expect(credentials.addService('license-server', 'svc').ok).toBe(true);
    expect(credentials.verify('gw-1', 's3cret')).toEqual({ kind: 'device', deviceId: 'gw-1' });
    expect(credentials.verify('gw-1', Buffer.from('s3cret'))).toEqual({ kind: 'device', deviceId: 'gw-1' });
    expect(credentials.verify('license-server', 'svc')).toEqual({ kind: 'service', name: 'license-server' });
    expect(credentials.verify('gw-1', 'svc')).toBeUndefined();
    expect(credentials.verify('gw-1', 's3cret ')).toBeUndefined();
    expect(credentials.verify('gw-1', undefined)).toBeUndefined();
    expect(credentials.verify(undefined, 's3cret')).toBeUndefined();
    expect(credentials.verify('gw-2', '')).toBeUndefined();
  });

  it('replaces a secret on re-registration and forgets removed devices', () => {
    const credentials = createCredentials();
    credentials.addDevice('gw-1', 'old');
    credentials.addDevice('gw-1', 'new');
    expect(credentials.verify('gw-1', 'old')).toBeUndefined();
    expect(credentials.verify('gw-1', 'new')).toBeDefined();
    credentials.removeDevice('gw-1');
    expect(credentials.isDevice('gw-1')).toBe(false);
    expect(credentials.verify('gw-1', 'new')).toBeUndefined();
  });

  it('refuses bad IDs, empty secrets and a name used by the other kind', () => {
    const credentials = createCredentials();
    credentials.addService('dashboard', 'x');
    expect(credentials.addDevice('gw/1', 'x')).toMatchObject({ ok: false, error: { code: 'DEVICE_ID_INVALID' } });
    expect(credentials.addDevice('gw-1', '')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'secret' } });
    expect(credentials.addDevice('dashboard', 'x')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(credentials.addService('', 'x')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'name' } });
    credentials.removeDevice('dashboard');
    expect(credentials.verify('dashboard', 'x')).toBeDefined();
  });
});
