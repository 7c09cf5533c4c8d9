import { z } from 'zod';
import { openLicenseFile } from '../../protocol/licenseFile.ts';
import { isSmartServerFeature, smartserverOps } from '../../protocol/messages/smartserver.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { askCloud } from './askCloud.ts';
import type { InstalledLicense } from './smartserverImage.ts';
import { ACTIVATION_TIME_MS, type SmartServerContext } from './smartserverMachine.ts';
import { refuseLicenseManagement, refuseWhileBusy, type SmartServerCore } from './SmartServerCore.ts';
import { SmartServerErrorCode } from './SmartServerErrorCode.ts';

export interface ActivationStarted {
  licenseIds: string[];
  /** Clock time the licenses will be installed and appear under Manage Licenses. */
  completesAt: number;
}

const selection = z.array(z.string().min(1).max(128)).min(1).max(256)
  .refine((ids) => new Set(ids).size === ids.length, 'a license is selected twice');

/**
 * [SS-5] ACTIVATE for the selected licenses. The cloud binds them to this server's install
 * code at once and sends a signed file for each; the device checks every file (vendor
 * signature, its own install code) and then takes ACTIVATION_TIME_MS to install them. Until
 * then a second activation, a transfer and an offline installation are refused
 * (ACTIVATION_IN_PROGRESS). Nothing is installed if the cloud refuses any of the selection.
 */
export async function activateLicenses(core: SmartServerCore, licenseIds: readonly string[]): Promise<Result<ActivationStarted>> {
  const op = 'activate licenses';
  const refused = refuseLicenseManagement(core, op) ?? refuseWhileBusy(core, op);
  if (refused) return refused;
  const customerId = core.settings.image().customerId;
  if (customerId === null) {
    return fail(SmartServerErrorCode.NoCustomerId, `${op}: no Customer ID is saved on ${core.board.id}; enter one under Manage Customer Accounts`);
  }
  const parsed = selection.safeParse(licenseIds);
  if (!parsed.success) return fail(ErrorCode.BadRequest, `${op}: select 1 to 256 distinct license IDs (${parsed.error.issues[0]!.message})`, 'licenseIds');
  const ids = parsed.data;
  const installed = core.settings.image().licenses.find((l) => ids.includes(l.licenseId));
  if (installed) return fail(ErrorCode.Conflict, `${op}: license ${installed.licenseId} is already activated on ${core.board.id}`, 'licenseIds');

  core.send({ type: 'CLAIM' });
  const reply = await askCloud(core, smartserverOps.activate, { customerId, licenseIds: ids });
  if (core.activationState() !== 'claiming') {
    return fail('NOT_RUNNING', `${op}: the SmartServer ${core.board.id} restarted before the cloud answered; download the list again to finish`);
  }
  const installs = reply.ok ? checkFiles(core, reply.value.files, ids) : reply;
  if (!installs.ok) {
    core.send({ type: 'CLAIM_FAILED' });
    return installs;
  }
  const completesAt = core.board.clock.now() + ACTIVATION_TIME_MS;
  core.send({ type: 'CLAIMED', job: { licenseIds: ids, installs: installs.value, completesAt } });
  return ok({ licenseIds: ids, completesAt });
}

/** The cloud's files, verified: signed by the vendor, for this install code, one per selected license. */
function checkFiles(core: SmartServerCore, files: readonly string[], ids: readonly string[]): Result<InstalledLicense[]> {
  const installCode = core.board.identity.installCode;
  const installs: InstalledLicense[] = [];
  for (const file of files) {
    const opened = openLicenseFile(file, core.vendorPublicKey, installCode);
    if (!opened.ok) return opened;
    const { licenseId, featureCode, count, end } = opened.value;
    if (!isSmartServerFeature(featureCode) || !ids.includes(licenseId)) {
      return fail(ErrorCode.LicenseWrongFamily, `the cloud sent license ${licenseId} (${featureCode}), which was not selected or is no SmartServer license`);
    }
    installs.push({ licenseId, featureCode, count, end, activatedAt: 0, source: 'online' });
  }
  const missing = ids.find((id) => !installs.some((i) => i.licenseId === id));
  if (missing !== undefined) return fail(ErrorCode.BadRequest, `the cloud sent no file for license ${missing}`);
  return ok(installs);
}

/**
 * The end of an activation (the machine's `installActivated`): commits the job's licenses to
 * NVRAM, drops them from the download view and records the outcome. A failed commit installs
 * nothing; the cloud still holds them for this server, so the download list offers them again.
 */
export function completeActivation(core: SmartServerCore, context: SmartServerContext): Partial<SmartServerContext> {
  const { job } = context;
  if (!job) return {};
  const at = core.board.clock.now();
  const saved = core.settings.update((image) => {
    const have = new Set(image.licenses.map((l) => l.licenseId));
    return { ...image, licenses: [...image.licenses, ...job.installs.filter((l) => !have.has(l.licenseId)).map((l) => ({ ...l, activatedAt: at }))] };
  });
  return {
    job: null,
    lastActivation: { licenseIds: job.licenseIds, at, error: saved.ok ? null : { code: saved.error.code, message: saved.error.message } },
    downloadList: saved.ok ? (context.downloadList?.filter((r) => !job.licenseIds.includes(r.licenseId)) ?? null) : context.downloadList,
  };
}
