import { fail, ok, type Failure, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { gatewayOps } from '../../protocol/messages/gateway.ts';
import { provenBody } from '../shared/provenBody.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import type { GatewayCore } from './GatewayCore.ts';
import { listLicenses } from './licensePage.ts';
import type { LicenseRow } from './licenseRows.ts';

/**
 * [GW-6] The License page's direct link to the portal: the device downloads the licenses bound
 * to its hardware ID, or gives licenses back, itself. Like the page's own changes, whatever
 * this installs or removes takes effect at the next reset (GW-5).
 */
export interface PortalDownload {
  /** Newly installed license IDs. */
  installed: string[];
  /** [GW-3] installed licenses the portal no longer binds to this device (moved elsewhere). */
  removed: string[];
  unchanged: string[];
  /** Files the device would not install, with the reason (GW-2). */
  refused: { licenseId?: string; error: Failure }[];
}

export interface GatewayPortalLink {
  download(): Promise<Result<PortalDownload>>;
  /** Returns licenses to the portal, proving the device's identity with its certificate. */
  invalidate(licenseIds: readonly string[]): Promise<Result<{ invalidated: string[] }>>;
  /** [GW-8] the device's one test license; a second request is refused by the portal. */
  downloadTestLicense(): Promise<Result<LicenseRow>>;
}

/** Files are opened through the settings store, which verifies each file's signature once, on its way in and as it is installed. */
export function createGatewayPortalLink(core: GatewayCore): GatewayPortalLink {
  const { identity } = core.board;
  // The reply may arrive after a reboot began; the firmware that asked is gone by then.
  const stillRunning = (op: string) => refuseUnlessRunning(core, `${op} (reply arrived after the device stopped running)`);

  return {
    async download() {
      const refused = refuseUnlessRunning(core, 'portal download');
      if (refused) return refused;
      const op = gatewayOps.download.op;
      // Files are issued to whoever proves the hardware ID, so the request proves it is ours.
      const reply = await core.portal.request({ op, body: provenBody({ identity, op, subject: [] }), reply: gatewayOps.download.reply });
      if (!reply.ok) return reply;
      const gone = stillRunning('portal download');
      if (gone) return gone;

      const result: PortalDownload = { installed: [], removed: [], unchanged: [], refused: [] };
      const listed = new Set<string>();
      const toAdd: string[] = [];
      const installedIds = new Set(core.settings.installed().map((l) => l.payload.licenseId));
      for (const file of reply.value.files) {
        const opened = core.settings.open(file);
        if (!opened.ok) {
          result.refused.push({ error: opened.error });
          continue;
        }
        listed.add(opened.value.licenseId);
        if (installedIds.has(opened.value.licenseId)) result.unchanged.push(opened.value.licenseId);
        else toAdd.push(file);
      }
      // The test license comes from gateway.testLicense and is listed only while it runs, so only
      // standard licenses are withdrawn by their absence; an expired test license stops by its end.
      const withdrawn = core.settings.installed()
        .filter((l) => l.payload.kind !== 'test' && !listed.has(l.payload.licenseId))
        .map((l) => l.payload.licenseId);

      const changed = core.settings.changeLicenses({ add: toAdd, remove: withdrawn });
      if (!changed.ok) return changed;
      result.installed = changed.value.added.map((l) => l.payload.licenseId);
      result.removed = changed.value.removed;
      for (const { file, error } of changed.value.refused) {
        const opened = core.settings.open(file);
        result.refused.push(opened.ok ? { licenseId: opened.value.licenseId, error } : { error });
      }
      core.changed();
      return ok(result);
    },

    async invalidate(licenseIds) {
      const refused = refuseUnlessRunning(core, 'portal invalidate');
      if (refused) return refused;
      const parsed = gatewayOps.invalidate.request.shape.licenseIds.safeParse(licenseIds);
      if (!parsed.success || new Set(parsed.data).size !== parsed.data.length) {
        return fail(ErrorCode.BadRequest, 'portal invalidate: licenseIds must be 1 to 256 distinct non-empty license IDs', 'licenseIds');
      }
      const ids = parsed.data;
      const op = gatewayOps.invalidate.op;
      const reply = await core.portal.request({
        op,
        body: provenBody({ identity, op, subject: ids, body: { licenseIds: ids } }),
        reply: gatewayOps.invalidate.reply,
      });
      if (!reply.ok) return reply;
      const gone = stillRunning('portal invalidate');
      if (gone) return gone;
      const changed = core.settings.changeLicenses({ remove: reply.value.invalidated });
      if (!changed.ok) {
        return fail(changed.error.code, `the portal invalidated ${reply.value.invalidated.join(', ')}, but removing them here failed: ${changed.error.message}; the next portal download removes them`);
      }
      core.changed();
      return ok({ invalidated: reply.value.invalidated });
    },

    async downloadTestLicense() {
      const refused = refuseUnlessRunning(core, 'portal test license');
      if (refused) return refused;
      const op = gatewayOps.testLicense.op;
      const reply = await core.portal.request({
        op,
        // The portal gives one test license per device, ever: the request proves it is ours.
        body: provenBody({ identity, op, subject: [] }),
        reply: gatewayOps.testLicense.reply,
      });
      if (!reply.ok) return reply;
      const gone = stillRunning('portal test license');
      if (gone) return gone;
      const checked = core.settings.check(reply.value.file);
      if (!checked.ok) return checked;
      const changed = core.settings.changeLicenses({ add: [reply.value.file] });
      if (!changed.ok) return changed;
      core.changed();
      return ok(listLicenses(core).find((r) => r.licenseId === checked.value.licenseId)!);
    },
  };
}
