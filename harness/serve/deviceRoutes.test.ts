import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Service } from './createService.ts';
import { call, startScenarioService } from './testing/scenarioService.ts';

const SCENARIO = join(import.meta.dirname, '..', '..', 'scenarios', 'gateway', 'move-license.yaml');

const start = (): Promise<Service> => startScenarioService(SCENARIO);

describe('the device API behind a device\'s own pages', () => {
  const services: Service[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
  });

  it('[GW-4] shows a gateway\'s snapshot and License page, and answers an unknown device with 404 NOT_FOUND', async () => {
    const service = await start();
    // Paused, so the clock's `now` read after the device's is the same instant.
    await service.clock.pause();
    services.push(service);
    const booting = await call(service, 'GET', '/api/v1/fleet/devices/gw-001', undefined, null);
    expect(booting).toMatchObject({ status: 200, body: { deviceId: 'gw-001', family: 'gateway', state: { state: 'booting' }, view: { licenses: null } } });
    expect(booting.body.actions).toEqual(['reboot', 'add-license', 'delete-license', 'portal-download', 'portal-test-license', 'portal-invalidate', 'test-mode', 'add-user', 'remove-user', 'grant', 'revoke', 'define-template', 'apply-template']);
    await call(service, 'POST', '/api/v1/clock/advance', { by: '1m' });
    const running = await call(service, 'GET', '/api/v1/fleet/devices/gw-001', undefined, null);
    expect(running.body).toMatchObject({ state: { state: 'running', pendingReset: false }, view: { licenses: [], users: [], templates: [] } });
    expect(running.body.now).toBe((await call(service, 'GET', '/api/v1/clock')).body.now);
    expect(await call(service, 'GET', '/api/v1/fleet/devices/gw-999')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'deviceId' } });
  });

  it('runs the page\'s actions for the administrator only, naming a bad body\'s field and a refused operation\'s code', async () => {
    const service = await start();
    services.push(service);
    const act = (action: string, body?: unknown, token?: string | null) => call(service, 'POST', `/api/v1/fleet/devices/gw-001/${action}`, body, token);
    expect(await act('test-mode', { on: true }, null)).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    // [GW-5] a booting gateway refuses, in the firmware's own words.
    expect(await act('test-mode', { on: true })).toMatchObject({ status: 409, body: { error: 'NOT_RUNNING' } });
    await call(service, 'POST', '/api/v1/clock/advance', { by: '1m' });
    expect(await act('test-mode', { on: 'yes' })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'on' } });
    expect(await act('delete-license', {})).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'licenseId' } });
    expect(await act('portal-invalidate', { licenseIds: [] })).toMatchObject({ status: 400, body: { where: 'licenseIds' } });
    expect(await act('launch', {})).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'action' } });
    expect(await act('add-license', { fileText: 'LIC1.garbage' })).toMatchObject({ status: 400, body: { error: 'ENVELOPE_MALFORMED' } });
    expect(await act('grant', { user: 'nobody', featureCode: 'Mobility' })).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'user' } });
    expect(await act('grant', { user: 'nobody' })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'featureCode' } });
    expect(await act('delete-license', { licenseId: 'lic-none' })).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'licenseId' } });
    const malformed = await fetch(`${service.httpUrl}/api/v1/fleet/devices/gw-001/reboot`, {
      method: 'POST', headers: { authorization: `Bearer ${service.token}`, 'content-type': 'application/json' }, body: '{',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'BAD_REQUEST', where: '(root)' });

    // [GW-9] test mode on for 8 hours of virtual time; then off again.
    const { now } = (await call(service, 'GET', '/api/v1/clock')).body as { now: number };
    expect(await act('test-mode', { on: true })).toEqual({ status: 200, body: { until: now + 8 * 3_600_000 } });
    expect((await call(service, 'GET', '/api/v1/fleet/devices/gw-001')).body).toMatchObject({ state: { testMode: { on: true, until: now + 8 * 3_600_000 } } });
    expect(await act('test-mode', { on: false })).toMatchObject({ status: 200, body: { on: false } });
    expect(await act('reboot')).toEqual({ status: 200, body: { rebooting: 'gw-001' } });
    expect((await call(service, 'GET', '/api/v1/fleet/devices/gw-001')).body).toMatchObject({ state: { state: 'booting' } });
  });

  it('[GW-7] defines config templates and applies them to PBX users, all or nothing, naming a bad body\'s field', async () => {
    const service = await start();
    services.push(service);
    const act = (action: string, body?: unknown) => call(service, 'POST', `/api/v1/fleet/devices/gw-001/${action}`, body);
    await call(service, 'POST', '/api/v1/clock/advance', { by: '1m' });
    const { hardwareId } = (await call(service, 'GET', '/api/v1/fleet/devices/gw-001')).body.state as { hardwareId: string };
    const order = await call(service, 'POST', '/api/v1/orders', { accountId: 'acme', items: [{ featureCode: 'Mobility', count: 1 }] });
    const [license] = (await call(service, 'POST', '/api/v1/accounts/acme/activations', { activationKey: order.body.activationKey })).body.licenses as { id: string }[];
    expect((await call(service, 'POST', `/api/v1/gateway/licenses/${license!.id}/bind`, { hardwareId })).status).toBe(200);
    expect((await act('portal-download', {})).status).toBe(200);
    await act('reboot');
    await call(service, 'POST', '/api/v1/clock/advance', { by: '1m' });
    for (const name of ['ann', 'bo']) expect((await act('add-user', { name })).status).toBe(200);

    expect(await act('define-template', { name: 'mobile-staff', features: ['Mobility'] })).toEqual({ status: 200, body: { name: 'mobile-staff', features: ['Mobility'] } });
    expect((await call(service, 'GET', '/api/v1/fleet/devices/gw-001')).body).toMatchObject({ view: { templates: [{ name: 'mobile-staff', features: ['Mobility'] }] } });
    // One Mobility in force: two users at once are refused and neither is granted it.
    expect(await act('apply-template', { template: 'mobile-staff', users: ['ann', 'bo'] })).toMatchObject({ status: 409, body: { error: 'LICENSE_LIMIT', where: 'featureCode' } });
    expect((await call(service, 'GET', '/api/v1/fleet/devices/gw-001')).body).toMatchObject({ view: { users: [{ name: 'ann', features: [] }, { name: 'bo', features: [] }] } });
    expect(await act('apply-template', { template: 'mobile-staff', users: ['ann'] })).toEqual({ status: 200, body: { granted: [{ user: 'ann', featureCode: 'Mobility' }] } });

    expect(await act('define-template', { name: 'x' })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'features' } });
    expect(await act('define-template', { name: 'x', features: 'Mobility' })).toMatchObject({ status: 400, body: { where: 'features' } });
    expect(await act('define-template', { name: 'x', features: ['Port'] })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'featureCode' } });
    expect(await act('define-template', { name: ' x', features: [] })).toMatchObject({ status: 400, body: { where: 'name' } });
    expect(await act('define-template', { name: 'x', features: [], colour: 'red' })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST' } });
    expect(await act('apply-template', { template: 'mobile-staff' })).toMatchObject({ status: 400, body: { where: 'users' } });
    expect(await act('apply-template', { template: 'mobile-staff', users: [] })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'users' } });
    expect(await act('apply-template', { template: 'none', users: ['ann'] })).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'template' } });
    expect(await act('apply-template', { template: 'mobile-staff', users: ['zoe'] })).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'user' } });
  });

  it('serves the device page at /devices/<id>/, redirecting the address without its slash', async () => {
    const service = await start();
    services.push(service);
    const page = await fetch(`${service.httpUrl}/devices/gw-001/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('device.js');
    const script = await fetch(`${service.httpUrl}/devices/gw-001/gateway.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    // The shared stylesheet the portal pages import is the file, not a device called devices.css.
    expect((await fetch(`${service.httpUrl}/devices/devices.css`, { redirect: 'manual' })).headers.get('content-type')).toMatch(/^text\/css/);
    const bare = await fetch(`${service.httpUrl}/devices/gw-001`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/devices/gw-001/');
  });
});
