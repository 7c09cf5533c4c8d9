import { describe, expect, it } from 'vitest';
import { unwrap } from '../protocol/result.ts';
import { mosquittoAcl } from './mosquittoAcl.ts';

describe('mosquittoAcl', () => {
  it('gives each device its own four topics and the license server the server side of docs/protocol.md §2', () => {
    const acl = unwrap(mosquittoAcl({ services: ['license-server'], devices: ['gw-001', 'ss-001'] }));
    const rules = acl.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(rules).toEqual([
      'user license-server',
      'topic write fleetrig/v1/dev/+/res',
      'topic write fleetrig/v1/dev/+/cmd',
      'topic read fleetrig/v1/dev/+/req',
      'topic read fleetrig/v1/dev/+/state',
      'topic readwrite fleetrig/v1/fleet/#',
      'user gw-001',
      'topic write fleetrig/v1/dev/gw-001/req',
      'topic write fleetrig/v1/dev/gw-001/state',
      'topic read fleetrig/v1/dev/gw-001/res',
      'topic read fleetrig/v1/dev/gw-001/cmd',
      'user ss-001',
      'topic write fleetrig/v1/dev/ss-001/req',
      'topic write fleetrig/v1/dev/ss-001/state',
      'topic read fleetrig/v1/dev/ss-001/res',
      'topic read fleetrig/v1/dev/ss-001/cmd',
    ]);
    // Mosquitto applies rules before the first `user` line to anonymous clients: there are none.
    expect(acl.split('\n').findIndex((line) => line.startsWith('user '))).toBeLessThan(acl.split('\n').findIndex((line) => line.startsWith('topic ')));
    expect(acl).not.toMatch(/^pattern /m);
    expect(acl.endsWith('\n')).toBe(true);
  });

  it('refuses a device ID that is not one topic level', () => {
    for (const bad of ['gw/1', 'gw+', '#', 'a b', '']) {
      const acl = mosquittoAcl({ services: ['license-server'], devices: ['gw-001', bad] });
      expect(acl.ok ? 'ok' : acl.error.code).toBe('DEVICE_ID_INVALID');
    }
    const service = mosquittoAcl({ services: ['license server'], devices: [] });
    expect(service.ok ? 'ok' : service.error.code).toBe('DEVICE_ID_INVALID');
  });
});
