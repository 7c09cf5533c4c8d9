import { describe, expect, it } from 'vitest';
import { anyDeviceFilter, deviceTopics, parseDeviceFilter, parseDeviceTopic, TOPIC_ROOT, validateDeviceId } from './topics.ts';

describe('device topics', () => {
  it('builds the four topics of a device under fleetrig/v1', () => {
    expect(TOPIC_ROOT).toBe('fleetrig/v1');
    expect(deviceTopics('gw-0001')).toEqual({
      req: 'fleetrig/v1/dev/gw-0001/req',
      res: 'fleetrig/v1/dev/gw-0001/res',
      state: 'fleetrig/v1/dev/gw-0001/state',
      cmd: 'fleetrig/v1/dev/gw-0001/cmd',
    });
    expect(anyDeviceFilter('req')).toBe('fleetrig/v1/dev/+/req');
  });

  it('parses what it builds', () => {
    for (const [kind, topic] of Object.entries(deviceTopics('SN:00-1A'))) {
      expect(parseDeviceTopic(topic)).toEqual({ ok: true, value: { deviceId: 'SN:00-1A', kind } });
    }
    expect(parseDeviceFilter('fleetrig/v1/dev/+/state')).toEqual({ ok: true, value: { deviceId: '+', kind: 'state' } });
  });

  it.each([
    ['', /empty/],
    ['a/b', /"\/" at position 1/],
    ['a+', /"\+" at position 1/],
    ['#', /"#" at position 0/],
    ['has space', /" " at position 3/],
    ['nul\u0000', /position 3/],
    ['x'.repeat(129), /129 characters/],
  ])('refuses device ID %j, naming the problem', (deviceId, message) => {
    const result = validateDeviceId(deviceId);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'DEVICE_ID_INVALID', where: 'deviceId', message: expect.stringMatching(message) });
    expect(() => deviceTopics(deviceId)).toThrow(TypeError);
  });

  it.each([
    'fleetrig/v1/dev/gw-1/req/extra',
    'fleetrig/v1/dev/gw-1',
    'fleetrig/v1/dev/gw-1/status',
    'fleetrig/v2/dev/gw-1/req',
    'fleetrig/v1/dev//req',
    'fleetrig/v1/dev/+/req',
    'fleetrig/v1/dev/#',
    '$SYS/broker/uptime',
    '',
  ])('refuses %j as a device topic, quoting it', (topic) => {
    const result = parseDeviceTopic(topic);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'TOPIC_INVALID', where: topic, message: expect.stringContaining(JSON.stringify(topic)) });
  });

  it('allows + but no other wildcard in a filter', () => {
    expect(parseDeviceFilter('fleetrig/v1/dev/#').ok).toBe(false);
    expect(parseDeviceFilter('fleetrig/v1/dev/+/#').ok).toBe(false);
    expect(parseDeviceFilter('fleetrig/v1/dev/gw+/req').ok).toBe(false);
    expect(parseDeviceFilter('fleetrig/v1/dev/gw-1/+').ok).toBe(false);
  });
});
