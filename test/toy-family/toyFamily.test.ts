import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalogue, familyModules } from '../../harness/catalogue.ts';
import { runFiles } from '../../harness/runner/runFiles.ts';
import { portalModules } from '../../license-server/portals/portalModules.ts';
import { gatewayModule } from '../../license-server/portals/gateway/gatewayModule.ts';
import { deviceOp } from '../../license-server/link/deviceOp.ts';
import { definePortal } from '../../license-server/portals/PortalModule.ts';
import { createTestServer } from '../../license-server/testing/createTestServer.ts';
import { serveForTest } from '../../license-server/testing/httpTestClient.ts';
import { gatewayOps } from '../../protocol/messages/gateway.ts';
import { toyFamily } from './toyFamily.ts';
import { toyModule } from './toyPortal.ts';

/**
 * A fifth family, registered from here: its firmware, portal and harness module live in this
 * folder, and nothing outside it names them. If adding a family ever needs an edit elsewhere,
 * this test is where it shows.
 */
const catalogue = createCatalogue({ families: [...familyModules, toyFamily], portals: [...portalModules, toyModule] });
const scenario = join(import.meta.dirname, 'toy.yaml');

describe('a fifth family registered from a test', () => {
  it.each(['memory', 'stream'] as const)('runs its scenario on the %s transport', async (transport) => {
    const run = await runFiles({ paths: [scenario], seed: 3, transport, reporters: [], catalogue });
    if (!run.ok) throw new Error(run.error.message);
    const [result] = run.value.files.flatMap((f) => f.scenarios);
    expect(result).toMatchObject({ status: 'passed', devices: 3 });
  });

  it('serves its portal route under /api/v1/toy beside the bundled portals', async () => {
    const t = await createTestServer({ portals: [...portalModules, toyModule] });
    const http = await serveForTest(t.server.http(), '/api/v1', { token: await t.token({ user: 'tess', roles: ['Customer'] }) });
    try {
      const lamp = t.device('lamp');
      expect(await http.call('GET', `/toy/devices/${lamp.hardwareId}/grant`, undefined, undefined, { authorization: '' })).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
      expect(await http.call('GET', `/toy/devices/${lamp.hardwareId}/grant`)).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'hardwareId' } });
      const granted = await t.server.portal(toyModule).license({ hardwareId: lamp.hardwareId });
      expect(granted.ok).toBe(true);
      expect(await http.call('GET', `/toy/devices/${lamp.hardwareId}/grant`)).toMatchObject({ status: 200, body: { grant: { hardwareId: lamp.hardwareId } } });
    } finally {
      await http.close();
      await t.close();
    }
  });

  it('is refused at start-up when registered twice, or when it claims an op another portal answers', async () => {
    await expect(createTestServer({ portals: [...portalModules, toyModule, toyModule] })).rejects.toThrow("portal 'toy' is registered twice");
    const thief = definePortal({ name: 'thief', create: () => ({}), deviceOps: [deviceOp(gatewayOps.download, async () => ({ ok: true, value: {} }))] });
    await expect(createTestServer({ portals: [...portalModules, thief] }))
      .rejects.toThrow(`device op '${gatewayOps.download.op}' of portal 'thief' is already answered by portal '${gatewayModule.name}'`);
    expect(() => createCatalogue({ families: [...familyModules, toyFamily, toyFamily] })).toThrow("family 'toy' is registered twice");
  });

  it('leaves the bundled catalogue without it', () => {
    expect(createCatalogue().families.has('toy')).toBe(false);
    expect(createCatalogue().steps.has('toy.requestLicense')).toBe(false);
  });
});
