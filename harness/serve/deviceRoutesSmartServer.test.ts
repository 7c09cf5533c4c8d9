import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmartServerState } from '../../firmware-sim/smartserver/SmartServer.ts';
import type { Service } from './createService.ts';
import { call as callService, startScenarioService } from './testing/scenarioService.ts';
import { smartserverCustomerWithLicenses } from './testing/smartserverCustomer.ts';

/** What GET /api/v1/fleet/devices/:id answers for a SmartServer. */
interface DeviceRead {
  state: SmartServerState;
  view: { account: unknown; licenses: unknown[] | null; downloadList: unknown[] | null; fieldDevices: { status: string }[] | null };
  actions: string[];
}

const SCENARIO = join(import.meta.dirname, 'smartserverPage.yaml');

describe('the device API behind the SmartServer CMS pages', () => {
  let service: Service;
  let customerId: string;
  let licenseIds: string[];
  const call = (method: string, path: string, body?: unknown, token: string | null = service.token) => callService(service, method, path, body, token);
  const act = (action: string, body: unknown = {}, device = 'ss-001') => call('POST', `/api/v1/fleet/devices/${device}/${action}`, body);
  const read = async (device = 'ss-001') => (await call('GET', `/api/v1/fleet/devices/${device}`, undefined, null)).body as unknown as DeviceRead;

  beforeAll(async () => {
    service = await startScenarioService(SCENARIO, { seed: 11 });
    ({ customerId, licenseIds } = await smartserverCustomerWithLicenses(service, [{ featureCode: 'SS-CAPACITY', count: 2 }, { featureCode: 'SS-MAINTENANCE', count: 1, termDays: 365 }]));
  });
  afterAll(async () => {
    await service?.close();
  });

  it('[SS-3] shows nothing of the CMS while the server boots, and refuses its actions NOT_RUNNING', async () => {
    const booting = await read();
    expect(booting).toMatchObject({ family: 'smartserver', state: { state: 'booting' }, view: { account: null, licenses: null, downloadList: null, fieldDevices: null } });
    expect(booting.actions).toEqual(['reboot', 'customer-id-edit', 'customer-id-save', 'customer-id-discard', 'cloud-download', 'cloud-activate',
      'cloud-transfer', 'offline-request-code', 'offline-response-code', 'field-devices-add', 'field-devices-provision']);
    expect(await act('cloud-download')).toMatchObject({ status: 409, body: { error: 'NOT_RUNNING' } });
    await call('POST', '/api/v1/clock/advance', { by: '1m' });
    expect(await read()).toMatchObject({ state: { state: 'running', firmwareVersion: '4.0' }, view: { firmwareVersion: '4.0', activationTimeMs: 120_000, licenses: [], fieldDevices: [] } });
  });

  it('names a bad body\'s field before anything runs, and answers the signed-out with 401', async () => {
    expect(await call('POST', '/api/v1/fleet/devices/ss-001/customer-id-save', {}, null)).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    expect(await act('customer-id-edit', { text: 7 })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'text' } });
    expect(await act('customer-id-save', { text: 'x' })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST' } });
    expect(await act('cloud-activate', { licenseIds: 'all' })).toMatchObject({ status: 400, body: { where: 'licenseIds' } });
    expect(await act('cloud-transfer', {})).toMatchObject({ status: 400, body: { where: 'confirm' } });
    expect(await act('field-devices-add', { protocol: 'KNX', count: 3 })).toMatchObject({ status: 400, body: { where: 'protocol' } });
    expect(await act('field-devices-provision', { devices: 'some' })).toMatchObject({ status: 400, body: { where: 'devices' } });
    expect(await act('offline-response-code', { responseCode: ['RSP1'] })).toMatchObject({ status: 400, body: { where: 'responseCode' } });
  });

  it('[SS-3] types, discards and saves the Customer ID, refusing one that is not a UUID where it was typed', async () => {
    expect(await act('customer-id-edit', { text: 'not-a-uuid' })).toMatchObject({ status: 200, body: { edited: 'not-a-uuid', customerId: null } });
    expect((await read()).state.customerIdEdited).toBe(true);
    expect(await act('customer-id-save')).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'customerId' } });
    expect(await act('customer-id-discard')).toMatchObject({ status: 200, body: { edited: null, customerId: null } });
    // [SS-4] no Customer ID saved: nothing to download.
    expect(await act('cloud-download')).toMatchObject({ status: 400, body: { error: 'NO_CUSTOMER_ID' } });
    await act('customer-id-edit', { text: customerId });
    const saved = await act('customer-id-save');
    expect(saved).toMatchObject({ status: 200, body: { segmentController: 'ss-001', customerId, edited: null } });
    expect((await read()).view.account).toEqual(saved.body);
  });

  it('[SS-4][SS-5][SS-7] downloads the list, activates over two virtual minutes, adds and provisions field devices', async () => {
    expect((await read()).view.downloadList).toBeNull();
    const list = await act('cloud-download');
    expect(list.status).toBe(200);
    expect((list.body as unknown as { licenseId: string }[]).map((r) => r.licenseId).sort()).toEqual([...licenseIds].sort());
    expect((await read()).view.downloadList).toEqual(list.body);
    expect(await act('cloud-activate', { licenseIds: [] })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'licenseIds' } });

    expect(await act('field-devices-add', { protocol: 'LON', count: 3 })).toEqual({ status: 200, body: { added: ['lon-001', 'lon-002', 'lon-003'] } });
    expect(await act('field-devices-add', { protocol: 'LON', names: ['lon-001'] })).toMatchObject({ status: 409, body: { error: 'CONFLICT', where: 'names' } });
    expect(await act('field-devices-provision', { devices: ['lon-001'] })).toMatchObject({ status: 409, body: { error: 'LICENSE_LIMIT' } });

    const started = await act('cloud-activate', { licenseIds });
    expect(started).toMatchObject({ status: 200, body: { licenseIds } });
    expect(await read()).toMatchObject({ state: { activation: { state: 'activating', completesAt: (started.body as { completesAt: number }).completesAt } } });
    expect(await act('cloud-activate', { licenseIds })).toMatchObject({ status: 409, body: { error: 'ACTIVATION_IN_PROGRESS' } });
    await call('POST', '/api/v1/clock/advance', { by: '2m' });
    const done = await read();
    expect(done).toMatchObject({ state: { activation: { state: 'idle', last: { error: null } }, capacity: 2, maintenance: { status: 'active' } }, view: { downloadList: [] } });
    expect(done.view.licenses).toHaveLength(2);
    expect(done.view.fieldDevices!.map((d: { status: string }) => d.status)).toEqual(['unprovisioned', 'unprovisioned', 'unprovisioned']);

    expect(await act('field-devices-provision', { devices: ['lon-009'] })).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'devices' } });
    expect(await act('field-devices-provision', { devices: 'all' })).toEqual({ status: 200, body: { provisioned: ['lon-001', 'lon-002'], alreadyProvisioned: 0, refused: 1 } });
    expect((await read()).state.fieldDevices).toEqual({ unlicensed: 0, unprovisioned: 1, provisioned: 2, total: 3 });
  });

  it('[SS-6] transfers to the cloud only when confirmed, and refuses a second transfer NOTHING_TO_TRANSFER', async () => {
    expect(await act('cloud-transfer', { confirm: false })).toMatchObject({ status: 409, body: { error: 'CONFIRMATION_REQUIRED' } });
    const moved = await act('cloud-transfer', { confirm: true });
    expect(moved.status).toBe(200);
    expect((moved.body as { transferred: string[] }).transferred.sort()).toEqual([...licenseIds].sort());
    expect((await read()).state.fieldDevices).toEqual({ unlicensed: 3, unprovisioned: 0, provisioned: 0, total: 3 });
    expect(await act('cloud-transfer', { confirm: true })).toMatchObject({ status: 409, body: { error: 'NOTHING_TO_TRANSFER' } });
  });

  it('[SS-1] on firmware 3.2 has no Manage Licenses, refused in the firmware\'s own code, and provisions without a license', async () => {
    expect(await read('old-001')).toMatchObject({ state: { firmwareVersion: '3.2', licensingRequired: false }, view: { account: null, licenses: null, downloadList: null, fieldDevices: [] } });
    expect(await act('cloud-download', {}, 'old-001')).toMatchObject({ status: 400, body: { error: 'LICENSE_MANAGEMENT_UNAVAILABLE' } });
    expect(await act('customer-id-edit', { text: customerId }, 'old-001')).toMatchObject({ status: 400, body: { error: 'LICENSE_MANAGEMENT_UNAVAILABLE' } });
    await act('field-devices-add', { protocol: 'Modbus', count: 2 }, 'old-001');
    expect(await act('field-devices-provision', { devices: 'all' }, 'old-001')).toMatchObject({ status: 200, body: { provisioned: ['modbus-001', 'modbus-002'] } });
  });

  it('[SS-8] shows a request code, installs the customer portal\'s response code, and refuses one that is not a response code', async () => {
    const request = await act('offline-request-code', {}, 'ss-002');
    const { installCode } = (await read('ss-002')).state;
    expect(request).toMatchObject({ status: 200, body: { installCode } });
    const { requestCode } = request.body as { requestCode: string };
    expect(requestCode.replaceAll('-', '')).toHaveLength(22);
    expect(await act('offline-response-code', { responseCode: 'RSP1.garbage' }, 'ss-002')).toMatchObject({ status: 400, body: { where: 'responseCode' } });
    // The customer portal's side, after the transfer above brought the capacity license back to the cloud.
    const portal = await call('POST', `/api/v1/smartserver/customers/${customerId}/offline-activations`, { installCode, requestCode, licenseIds: [licenseIds[0]] });
    expect(portal.status).toBe(201);
    expect(await act('offline-response-code', { responseCode: portal.body.responseCode }, 'ss-002')).toEqual({ status: 200, body: { installed: [licenseIds[0]] } });
    expect((await read('ss-002')).state.capacity).toBe(2);
    expect(await act('offline-response-code', { responseCode: portal.body.responseCode }, 'ss-002')).toMatchObject({ status: 400, body: { error: 'RESPONSE_STALE' } });
  });
});
