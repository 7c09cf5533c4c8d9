import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Service } from './createService.ts';
import { call, startScenarioService } from './testing/scenarioService.ts';

/** The audio family's `view` in the device API's answer. */
interface AudioView {
  managed: boolean;
  enrollment: { accountId: string; since: number } | null;
  lastHeartbeatAt: number | null;
  lastError: { error: string; message: string; where?: string } | null;
}

const SCENARIO = join(import.meta.dirname, 'audioLicensing.yaml');

const start = (): Promise<Service> => startScenarioService(SCENARIO);

describe('the device API behind a managed audio device\'s enrolment page', () => {
  const services: Service[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
  });

  /** acme's first user olive with every role, a Managed Device license for `count` devices, and acme's provisioning token. */
  async function licensed(service: Service, count: number): Promise<string> {
    const olive = (await call(service, 'POST', '/api/v1/tokens', { user: 'olive', roles: ['Customer'], accountId: 'acme' })).body.token as string;
    const asOlive = (method: string, path: string, body?: unknown) => call(service, method, `/api/v1/audio/accounts/acme${path}`, body, olive);
    expect((await asOlive('PUT', '/users/olive', { roles: ['Account Admin', 'License Admin', 'Device Admin'] })).status).toBe(200);
    const order = await call(service, 'POST', '/api/v1/orders', { accountId: 'acme', items: [{ featureCode: 'PDMS-AUDIO', count, termDays: 365 }] });
    expect((await asOlive('POST', '/activations', { activationKey: order.body.activationKey, acceptAgreement: true })).status).toBe(201);
    return (await asOlive('POST', '/provisioning-token')).body.provisioningToken as string;
  }

  it('[PC-7] shows an audio device\'s enrolment, enrols it, beats, refuses past the bound in the service\'s words, and unenrols', async () => {
    const service = await start();
    services.push(service);
    const read = async (id: string) => (await call(service, 'GET', `/api/v1/fleet/devices/${id}`, undefined, null)).body as { view: AudioView; [field: string]: unknown };
    const act = (id: string, action: string, body?: unknown) => call(service, 'POST', `/api/v1/fleet/devices/${id}/${action}`, body);

    const booting = await read('audio-001');
    expect(booting).toMatchObject({ family: 'audio', state: { state: 'booting' }, view: { managed: false, enrollment: null, lastHeartbeatAt: null, lastError: null } });
    expect(booting.actions).toEqual(['reboot', 'enroll', 'unenroll', 'heartbeat']);
    expect(await act('audio-001', 'heartbeat', {})).toMatchObject({ status: 409, body: { error: 'NOT_RUNNING' } });
    await call(service, 'POST', '/api/v1/clock/advance', { by: '1m' });

    const provisioningToken = await licensed(service, 1);
    expect(await act('audio-001', 'enroll', { accountId: 'acme', provisioningToken: 'not-the-token' }))
      .toMatchObject({ status: 403, body: { error: 'PROVISIONING_TOKEN_INVALID' } });
    expect((await read('audio-001')).view).toMatchObject({ managed: false, lastError: { error: 'PROVISIONING_TOKEN_INVALID' } });

    const { now } = (await call(service, 'GET', '/api/v1/clock')).body as { now: number };
    expect(await act('audio-001', 'enroll', { accountId: 'acme', provisioningToken })).toMatchObject({ status: 200, body: { accountId: 'acme', usage: { used: 1, allowed: 1 } } });
    // The service's clock runs at wall speed here, so "since" is a moment at or after `now`.
    const enrolled = (await read('audio-001')).view;
    expect(enrolled).toMatchObject({ managed: true, enrollment: { accountId: 'acme' }, lastHeartbeatAt: null, lastError: null });
    expect(enrolled.enrollment!.since).toBeGreaterThanOrEqual(now);
    expect(await act('audio-001', 'heartbeat', {})).toEqual({ status: 200, body: { enrolled: true } });
    expect((await read('audio-001')).view.lastHeartbeatAt!).toBeGreaterThanOrEqual(enrolled.enrollment!.since);

    const refused = await act('audio-002', 'enroll', { accountId: 'acme', provisioningToken });
    expect(refused).toMatchObject({ status: 409, body: { error: 'MANAGED_DEVICE_LIMIT' } });
    expect((await read('audio-002')).view).toMatchObject({ managed: false, lastError: { error: 'MANAGED_DEVICE_LIMIT', message: refused.body.message } });

    expect(await act('audio-001', 'unenroll', {})).toEqual({ status: 200, body: { accountId: 'acme' } });
    expect((await read('audio-001')).view).toMatchObject({ managed: false, enrollment: null });
    expect(await act('audio-001', 'unenroll', {})).toMatchObject({ status: 404, body: { error: 'NOT_ENROLLED' } });
  });

  it('names the bad field of a body and refuses actions without the administrator\'s token', async () => {
    const service = await start();
    services.push(service);
    const act = (action: string, body?: unknown, token?: string | null) => call(service, 'POST', `/api/v1/fleet/devices/audio-001/${action}`, body, token);
    expect(await act('enroll', { accountId: 'acme', provisioningToken: 'x' }, null)).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    const cases: [string, unknown, string][] = [
      ['enroll', {}, 'accountId'],
      ['enroll', { accountId: 'acme' }, 'provisioningToken'],
      ['enroll', { accountId: '', provisioningToken: 'x' }, 'accountId'],
      ['enroll', { accountId: 'acme', provisioningToken: 'x'.repeat(129) }, 'provisioningToken'],
      ['enroll', { accountId: 'acme', provisioningToken: 'x', deviceKind: 'audio' }, '(root)'],
      ['enroll', ['acme'], '(root)'],
      ['unenroll', { accountId: 'acme' }, '(root)'],
      ['heartbeat', { now: 1 }, '(root)'],
    ];
    for (const [action, body, where] of cases) {
      const reply = await act(action, body);
      expect(reply, `${action} ${JSON.stringify(body)}`).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where } });
    }
    expect(await act('add-license', { fileText: 'LIC1.x' })).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'action' } });
  });

  it('serves the audio page\'s module and stylesheet beside the device page, and the shared stylesheet the portals import', async () => {
    const service = await start();
    services.push(service);
    for (const [path, type] of [['/devices/audio-001/audio.js', /javascript/], ['/devices/audio-001/audio.css', /^text\/css/], ['/devices/devices.css', /^text\/css/]] as const) {
      const reply = await fetch(`${service.httpUrl}${path}`, { redirect: 'manual' });
      expect(reply.status, path).toBe(200);
      expect(reply.headers.get('content-type'), path).toMatch(type);
    }
  });
});
