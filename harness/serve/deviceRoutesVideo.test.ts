import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpReply } from '../../license-server/testing/httpTestClient.ts';
import type { Service } from './createService.ts';
import { call as callService, startScenarioService } from './testing/scenarioService.ts';

const SCENARIO = join(import.meta.dirname, 'videoLicensing.yaml');

const start = (): Promise<Service> => startScenarioService(SCENARIO);

describe('the device API behind the Clariti product\'s Licenses page', () => {
  const services: Service[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
  });
  async function booted(): Promise<{ call: (method: string, path: string, body?: unknown, token?: string | null) => Promise<HttpReply>; act: (action: string, body?: unknown) => Promise<HttpReply> }> {
    const service = await start();
    services.push(service);
    const call = (method: string, path: string, body?: unknown, token: string | null = service.token) => callService(service, method, path, body, token);
    const act = (action: string, body?: unknown) => call('POST', `/api/v1/fleet/devices/cl-001/${action}`, body);
    return { call, act };
  }

  it('[CL-1] shows the Licenses page once the product runs, the Name defaulting to the host name, on a Core and a Manager', async () => {
    const { call } = await booted();
    const booting = await call('GET', '/api/v1/fleet/devices/cl-001', undefined, null);
    expect(booting).toMatchObject({ status: 200, body: { family: 'video', state: { state: 'booting' }, view: { licenses: null } } });
    expect(booting.body.actions).toEqual(['reboot', 'configure', 'update-license', 'license-product', 'install-response', 'calls']);
    await call('POST', '/api/v1/clock/advance', { by: '1m' });
    const core = await call('GET', '/api/v1/fleet/devices/cl-001', undefined, null);
    const hostName = (core.body.state as { hostName: string }).hostName;
    expect(hostName).toMatch(/^clariti-/);
    expect(core.body).toMatchObject({
      state: { state: 'running', type: 'Clariti Core', version: '2.2.1' },
      view: { licenses: { name: hostName, hostName, mode: 'standard', autoRefresh: false, accessTokenSet: false, lastConnectionStatus: null, entitlements: {} } },
    });
    const manager = await call('GET', '/api/v1/fleet/devices/clm-001', undefined, null);
    expect(manager.body).toMatchObject({ state: { type: 'Clariti Manager', variant: 'manager' }, view: { licenses: { mode: 'standard' } } });
  });

  it('[CL-5][CL-7] configures, shows License Product, and installs a response code, refusing bad bodies naming the field', async () => {
    const { call, act } = await booted();
    expect(await act('configure', { mode: 'restrictive' })).toMatchObject({ status: 409, body: { error: 'NOT_RUNNING' } });
    await call('POST', '/api/v1/clock/advance', { by: '1m' });
    expect(await call('POST', '/api/v1/fleet/devices/cl-001/configure', { mode: 'restrictive' }, null)).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    expect(await act('configure', { mode: 'offline' })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'mode' } });
    expect(await act('configure', { name: 'core', colour: 'red' })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST' } });
    expect(await act('configure', { autoRefresh: 'yes' })).toMatchObject({ status: 400, body: { where: 'autoRefresh' } });
    expect(await act('install-response', {})).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'responseCode' } });
    expect(await act('calls', { count: -1 })).toMatchObject({ status: 400, body: { where: 'count' } });
    expect(await act('license-product', { now: true })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST' } });

    // The access token is taken, never shown back.
    const configured = await act('configure', { name: 'Core-01', mode: 'restrictive', accessToken: 'clt_not-shown' });
    expect(configured).toMatchObject({ status: 200, body: { name: 'Core-01', mode: 'restrictive', accessTokenSet: true } });
    expect(JSON.stringify((await call('GET', '/api/v1/fleet/devices/cl-001')).body)).not.toContain('clt_not-shown');

    const window = await act('license-product', {});
    expect(window).toMatchObject({ status: 200, body: { mode: 'restrictive', name: 'Core-01', type: 'Clariti Core', version: '2.2.1' } });
    const { requestCode } = window.body as { requestCode: string };
    expect(requestCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{2}$/);
    expect((await call('GET', '/api/v1/fleet/devices/cl-001')).body).toMatchObject({ state: { requestCode } });
    // [CL-3] Update License belongs to standard mode.
    expect(await act('update-license', {})).toMatchObject({ status: 400, body: { error: 'WRONG_MODE', where: 'mode' } });

    // [CL-5, CL-6, CL-7] the portal's side over HTTP, then the response code pasted back.
    const order = await call('POST', '/api/v1/orders', { accountId: 'acme', items: [{ featureCode: 'CLARITI-PORTS', count: 8 }] });
    await call('POST', '/api/v1/accounts/acme/activations', { activationKey: order.body.activationKey });
    const added = await call('POST', '/api/v1/video/accounts/acme/products/restrictive', { name: 'Core-01', type: 'Clariti Core', version: '2.2.1', requestCode });
    const { productId } = (added.body as { product: { productId: string } }).product;
    expect((await call('POST', '/api/v1/video/accounts/acme/entitlements/CLARITI-PORTS/assignments', { productId, count: 3 })).status).toBe(200);
    const { responseCode } = (await call('POST', `/api/v1/video/accounts/acme/products/${productId}/process-license`)).body as { responseCode: string };
    expect(await act('install-response', { responseCode: `${responseCode.slice(0, -3)}xyz` })).toMatchObject({ status: 400 });
    expect(await act('install-response', { responseCode })).toMatchObject({ status: 200, body: { entitlements: { 'CLARITI-PORTS': 3 } } });
    expect(await act('install-response', { responseCode })).toMatchObject({ status: 400, body: { error: 'RESPONSE_STALE' } });
    expect(await act('calls', { count: 3 })).toMatchObject({ status: 200, body: { activeCalls: 3 } });
    expect(await act('calls', { count: 4 })).toMatchObject({ status: 409, body: { error: 'LICENSE_LIMIT', where: 'count' } });
  });

  it('[CL-3] Update License without a token says so; with a token the portal never issued, the status says FAILED', async () => {
    const { call, act } = await booted();
    await call('POST', '/api/v1/clock/advance', { by: '1m' });
    expect(await act('update-license', {})).toMatchObject({ status: 400, body: { error: 'TOKEN_MISSING', where: 'accessToken' } });
    await act('configure', { accessToken: 'clt_0000' });
    expect(await act('update-license', {})).toMatchObject({ body: { error: 'TOKEN_UNKNOWN' } });
    expect((await call('GET', '/api/v1/fleet/devices/cl-001')).body).toMatchObject({ view: { licenses: { lastConnectionStatus: 'FAILED: token not recognized' } } });
  });
});
