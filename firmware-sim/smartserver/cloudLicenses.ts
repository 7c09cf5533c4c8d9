import { describeSmartServerLicense, smartserverOps, type CloudLicense } from '../../protocol/messages/smartserver.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { askCloud } from './askCloud.ts';
import { activateLicenses, type ActivationStarted } from './cloudActivation.ts';
import { transferToCloud, type TransferOutcome } from './cloudTransfer.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import { refuseLicenseManagement, type SmartServerCore } from './SmartServerCore.ts';
import { SmartServerErrorCode } from './SmartServerErrorCode.ts';

export type { ActivationStarted } from './cloudActivation.ts';
export type { TransferOutcome } from './cloudTransfer.ts';

/** [SS-4] a row of the Download Licenses from the Cloud view. */
export interface DownloadRow extends CloudLicense {
  /** `Device capacity: 100` or `Maintenance until 2027-01-01`. */
  description: string;
}

/**
 * The Manage Licenses dialog's cloud buttons: Download Licenses from the Cloud (SS-4),
 * ACTIVATE for the selected rows (SS-5) and Transfer to Cloud (SS-6).
 */
export interface CloudLicenses {
  /** Asks the cloud for the licenses held for the saved Customer ID; those installed here are left out. */
  download(): Promise<Result<DownloadRow[]>>;
  /** The view as last downloaded, less what has been activated since. */
  list(): Result<DownloadRow[]>;
  /**
   * Starts activating the selected licenses: the cloud binds them to this server at once, and
   * they are installed ACTIVATION_TIME_MS later (watch `snapshot().activation`).
   */
  activate(licenseIds: readonly string[]): Promise<Result<ActivationStarted>>;
  /** Returns every license on this server to the cloud; needs `{ confirm: true }`. */
  transferToCloud(options: { confirm?: boolean }): Promise<Result<TransferOutcome>>;
}

export function createCloudLicenses(core: SmartServerCore): CloudLicenses {
  return {
    download: () => download(core),
    list() {
      const refused = refuseLicenseManagement(core, 'Download Licenses from the Cloud');
      if (refused) return refused;
      return ok(core.ram().downloadList?.map(withDescription) ?? []);
    },
    activate: (licenseIds) => activateLicenses(core, licenseIds),
    transferToCloud: (options) => transferToCloud(core, options),
  };
}

async function download(core: SmartServerCore): Promise<Result<DownloadRow[]>> {
  const op = 'Download Licenses from the Cloud';
  const refused = refuseLicenseManagement(core, op);
  if (refused) return refused;
  const customerId = core.settings.image().customerId;
  if (customerId === null) {
    return fail(SmartServerErrorCode.NoCustomerId, `${op}: no Customer ID is saved on ${core.board.id}; enter one under Manage Customer Accounts`);
  }
  // Page by page, as the cloud sends a long list: each page is one request, proven on its own.
  const listed: CloudLicense[] = [];
  let after: string | undefined;
  do {
    const reply = await askCloud(core, smartserverOps.list, after === undefined ? { customerId } : { customerId, after });
    if (!reply.ok) return reply;
    const gone = refuseUnlessRunning(core, `${op} (the reply arrived after the device stopped running)`);
    if (gone) return gone;
    listed.push(...reply.value.licenses);
    after = reply.value.next ?? undefined;
  } while (after !== undefined);
  const installed = new Set(core.settings.image().licenses.map((l) => l.licenseId));
  const underway = new Set(core.ram().job?.licenseIds ?? []);
  const rows = listed.filter((l) => !installed.has(l.licenseId) && !underway.has(l.licenseId));
  core.send({ type: 'SET_DOWNLOAD_LIST', rows });
  core.changed();
  return ok(rows.map(withDescription));
}

function withDescription(license: CloudLicense): DownloadRow {
  return { ...license, description: describeSmartServerLicense(license) };
}
