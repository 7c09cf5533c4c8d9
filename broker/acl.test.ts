import { describe, expect, it } from 'vitest';
import { mayPublish, maySubscribe, mayUseClientId } from './acl.ts';
import { createCredentials } from './credentials.ts';
import type { Principal } from './credentials.ts';

const device: Principal = { kind: 'device', deviceId: 'gw-1' };
const service: Principal = { kind: 'service', name: 'license-server' };
const t = (id: string, kind: string): string => `fleetrig/v1/dev/${id}/${kind}`;

describe('topic ACL', () => {
  it.each([
    [device, t('gw-1', 'req'), true], [device, t('gw-1', 'state'), true],
    [device, t('gw-1', 'res'), false], [device, t('gw-1', 'cmd'), false],
    [device, t('gw-2', 'req'), false], [device, t('gw-2', 'state'), false],
    [device, 'fleetrig/v1/other', false], [device, '$SYS/x', false],
    [service, t('gw-1', 'res'), true], [service, t('gw-2', 'cmd'), true],
    [service, t('gw-1', 'req'), false], [service, t('gw-1', 'state'), false],
  ])('[ACL] publish: %o on %s → %s', (principal, topic, allowed) => {
    const decision = mayPublish(principal, topic);
    expect(decision.ok).toBe(allowed);
    if (!decision.ok) expect(decision.error).toMatchObject({ code: 'FORBIDDEN', where: topic });
  });

  it.each([
    [device, t('gw-1', 'res'), true], [device, t('gw-1', 'cmd'), true],
    [device, t('gw-1', 'req'), false], [device, t('gw-1', 'state'), false],
    [device, t('gw-2', 'res'), false], [device, t('gw-2', 'cmd'), false],
    [device, t('+', 'cmd'), false], [device, 'fleetrig/v1/dev/gw-1/#', false], [device, '#', false],
    [service, t('+', 'req'), true], [service, t('+', 'state'), true], [service, t('gw-2', 'state'), true],
    [service, t('+', 'res'), false], [service, t('gw-1', 'cmd'), false], [service, 'fleetrig/v1/#', false],
  ])('[ACL] subscribe: %o to %s → %s', (principal, filter, allowed) => {
    expect(maySubscribe(principal, filter).ok).toBe(allowed);
  });

  it('[ACL] a device connects only as itself; a service never as a device', () => {
    const credentials = createCredentials();
    credentials.addDevice('gw-1', 'x');
    expect(mayUseClientId(device, 'gw-1', credentials).ok).toBe(true);
    expect(mayUseClientId(device, 'gw-2', credentials).ok).toBe(false);
    expect(mayUseClientId(service, 'license-server-1', credentials).ok).toBe(true);
    expect(mayUseClientId(service, 'gw-1', credentials).ok).toBe(false);
  });
});
