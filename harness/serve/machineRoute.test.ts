import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from './createService.ts';
import { call as callService, startScenarioService } from './testing/scenarioService.ts';

const SCENARIO = join(import.meta.dirname, '..', '..', 'test', 'browser', 'mixed-fleet.yaml');

interface Node { id: string; key: string; states: Node[] }
const keys = (node: Node): string[] => [node.key, ...node.states.flatMap(keys)];

describe('GET /api/v1/fleet/devices/:id/machine, the machine view\'s data', () => {
  let service: Service;
  const call = (method: string, path: string, body?: unknown, token: string | null = null) => callService(service, method, path, body, token);

  beforeAll(async () => {
    service = await startScenarioService(SCENARIO, { paused: true });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('answers every family with its machine\'s definition, the states it is in and its transitions, open to read', async () => {
    const expected: Record<string, { family: string; states: string[] }> = {
      'gw-001': { family: 'gateway', states: ['gateway', 'off', 'booting', 'running', 'normal', 'testMode'] },
      'ss-001': { family: 'smartserver', states: ['smartserver', 'off', 'booting', 'running', 'idle', 'claiming', 'activating', 'transferring'] },
      'cl-001': { family: 'video', states: ['video', 'off', 'booting', 'running', 'manual', 'automatic'] },
      'audio-001': { family: 'audio', states: ['audio', 'off', 'booting', 'running', 'starting', 'unenrolled', 'enrolled'] },
    };
    for (const [deviceId, { family, states }] of Object.entries(expected)) {
      const reply = await call('GET', `/api/v1/fleet/devices/${deviceId}/machine`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ deviceId, family, current: [`${family}.booting`], transitions: [{ event: 'POWER_ON', from: 'off', to: 'booting' }] });
      expect(keys(reply.body.definition as Node)).toEqual(states);
      expect(reply.body.now).toBe((await call('GET', '/api/v1/clock')).body.now);
    }
  });

  it('follows a reboot: RESET into booting, then the boot\'s delay into running', async () => {
    await call('POST', '/api/v1/clock/advance', { by: '1m' }, service.token);
    expect((await call('GET', '/api/v1/fleet/devices/gw-001/machine')).body).toMatchObject({ current: ['gateway.running', 'gateway.running.normal'] });
    expect((await call('POST', '/api/v1/fleet/devices/gw-001/reboot', {}, service.token)).status).toBe(200);
    await call('POST', '/api/v1/clock/advance', { by: '1m' }, service.token);
    const { body } = await call('GET', '/api/v1/fleet/devices/gw-001/machine');
    expect((body.transitions as { event: string; from: string; to: string }[]).slice(-2).map(({ event, from, to }) => [event, from, to])).toEqual([
      ['RESET', 'running.normal', 'booting'],
      ['after:bootTime', 'booting', 'running.normal'],
    ]);
    expect(body.delays).toEqual({ bootTime: 30_000, testModeDuration: 8 * 3_600_000 });
  });

  it('answers an unknown device with 404 NOT_FOUND naming deviceId', async () => {
    expect(await call('GET', '/api/v1/fleet/devices/gw-999/machine')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'deviceId' } });
    expect(await call('GET', '/api/v1/fleet/devices/%20/machine')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'deviceId' } });
  });
});
